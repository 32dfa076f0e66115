import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_URL } from './protocol.ts';
import { loadWindowState, trackWindowState } from './window-state.ts';

export function createMainWindow(dataDir: string, preloadPath: string): BrowserWindow {
  const state = loadWindowState(dataDir);
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'MNIST Lab',
    backgroundColor: '#101418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click would otherwise ask for a new window (denied anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  trackWindowState(window, dataDir);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

export function preloadPathNextTo(mainDir: string): string {
  return join(mainDir, 'preload.cjs');
}
