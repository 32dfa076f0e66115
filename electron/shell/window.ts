import { BrowserWindow, nativeTheme, screen } from 'electron';
import { join } from 'node:path';
import { APP_URL } from './protocol.ts';
import { loadWindowState, MIN_WINDOW_SIZE, trackWindowState } from './window-state.ts';

export function createMainWindow(dataDir: string, preloadPath: string): BrowserWindow {
  const state = loadWindowState(dataDir, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'MNIST Lab',
    // The page's --bg (renderer/src/global.css), so a resize never flashes the other theme.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0f1318' : '#f7f8fa',
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
  // A rejected load (e.g. aborted by a quick reload) must not become an unhandled rejection.
  window.loadURL(APP_URL).catch((error: unknown) => console.error(`MNIST Lab: loading ${APP_URL} failed: ${String(error)}`));
  return window;
}

export function preloadPathNextTo(mainDir: string): string {
  return join(mainDir, 'preload.cjs');
}
