/** Electron entry: a thin shell around the lab core; each concern is a setupX() module. */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createLabCore } from './core.ts';
import { settingsFromEnv } from './services/settings.ts';
import { IpcRegistry } from './shell/ipc.ts';
import { registerAppScheme, setupAppProtocol } from './shell/protocol.ts';
import { setupSecurity } from './shell/security.ts';
import { createMainWindow, preloadPathNextTo } from './shell/window.ts';

registerAppScheme();

if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(() => {
  const settings = settingsFromEnv(process.env, app.getPath('userData'));
  const core = createLabCore({ name: 'MNIST Lab', version: app.getVersion(), host: 'electron' }, settings);
  setupSecurity();
  setupAppProtocol(join(__dirname, '..', 'renderer'));
  const ipc = new IpcRegistry(core);
  const open = (): void => ipc.trust(createMainWindow(settings.dataDir, preloadPathNextTo(__dirname)));
  open();
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && open());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
