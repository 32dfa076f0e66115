/** Electron entry: a thin shell around the lab core; each concern is a setupX() module. */
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { createLabCore } from './core.ts';
import { writeFileAtomic } from './services/atomic-file.ts';
import { settingsFromEnv } from './services/settings.ts';
import { IpcRegistry } from './shell/ipc.ts';
import { registerAppScheme, setupAppProtocol } from './shell/protocol.ts';
import { setupSecurity } from './shell/security.ts';
import { createMainWindow, preloadPathNextTo } from './shell/window.ts';

registerAppScheme();

if (!app.requestSingleInstanceLock()) app.quit();

async function pickDatasetFiles(): Promise<string[] | undefined> {
  const result = await dialog.showOpenDialog({
    title: 'Import MNIST files',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'MNIST files (IDX, .gz, Keras mnist.npz)', extensions: ['gz', 'npz', 'idx3-ubyte', 'idx1-ubyte', '*'] }],
  });
  return result.canceled ? undefined : result.filePaths;
}

async function saveFile(suggestedName: string, bytes: Uint8Array): Promise<string | undefined> {
  const result = await dialog.showSaveDialog({
    title: 'Export the model',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'Zip archive', extensions: ['zip'] }],
  });
  if (result.canceled || !result.filePath) return undefined;
  writeFileAtomic(result.filePath, bytes);
  return result.filePath;
}

void app.whenReady().then(async () => {
  const settings = {
    ...settingsFromEnv(process.env, app.getPath('userData')),
    bundledDir: app.isPackaged ? join(process.resourcesPath, 'datasets') : join(app.getAppPath(), 'assets', 'datasets'),
  };
  const core = createLabCore({ name: 'MNIST Lab', version: app.getVersion(), host: 'electron' }, settings, { pickDatasetFiles, saveFile });
  await core.prepare();
  setupSecurity();
  setupAppProtocol(join(__dirname, '..', 'renderer'));
  const ipc = new IpcRegistry(core);
  const open = (): void => {
    const window = createMainWindow(settings.dataDir, preloadPathNextTo(__dirname));
    ipc.trust(window);
    // A reload or a crashed renderer takes the training worker with it: its run is interrupted.
    window.webContents.on('render-process-gone', () => core.runs.interruptActive());
    window.webContents.on('did-start-navigation', (details) => details.isMainFrame && core.runs.interruptActive());
  };
  open();
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && open());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
