/** Electron entry: a thin shell around the lab core; each concern is a setupX() module. */
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { createLabCore } from './core.ts';
import { settingsFromEnv } from './services/settings.ts';
import { dialogCapabilities } from './shell/dialogs.ts';
import { IpcRegistry } from './shell/ipc.ts';
import { registerAppScheme, setupAppProtocol } from './shell/protocol.ts';
import { interruptRunsWhenRendererResets } from './shell/run-interruption.ts';
import { setupSecurity } from './shell/security.ts';
import { createMainWindow, preloadPathNextTo } from './shell/window.ts';

/** Where the offline MNIST copy is: electron-builder's extraResources in a package, assets/ in a checkout. */
function bundledDatasetsDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'datasets') : join(app.getAppPath(), 'assets', 'datasets');
}

async function start(): Promise<void> {
  const settings = { ...settingsFromEnv(process.env, app.getPath('userData')), bundledDir: bundledDatasetsDir() };
  const core = createLabCore({ name: 'MNIST Lab', version: app.getVersion(), host: 'electron' }, settings, dialogCapabilities);
  await core.prepare();
  setupSecurity();
  setupAppProtocol(join(__dirname, '..', 'renderer'));
  const ipc = new IpcRegistry(core);
  const open = (): void => {
    const window = createMainWindow(settings.dataDir, preloadPathNextTo(__dirname));
    ipc.trust(window);
    interruptRunsWhenRendererResets(window.webContents, core.runs);
  };
  open();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && open());
}

function failedToStart(error: unknown): void {
  dialog.showErrorBox('MNIST Lab could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

function focusFirstWindow(): void {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

registerAppScheme();

// A second launch hands over to the first and does nothing else: above all it must not run the
// start-up cleanup on a data folder the first instance is writing to.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusFirstWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(start).catch(failedToStart);
} else {
  app.quit();
}
