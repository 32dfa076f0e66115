/** Starts the built main process on a stand-in and talks to it as Chromium would (IPC, app:// requests). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_MAIN, PROJECT_ROOT } from '../built-app.ts';
import { loadMainBundle } from './load-bundle.ts';
import { createMainProcessStandIn, type MainProcessStandIn, type StandInOptions, type StandInWindow } from './main-process.ts';

export interface Envelope {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

const folders: string[] = [];

/** Removes the temporary folders (data folders with imported MNIST among them) of every boot so far. */
export function removeBootFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** A temporary folder removed by removeBootFolders(). */
export function bootFolder(prefix = 'main-process-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** Loads `bundle` (default dist/electron/main.cjs), fires ready and waits for the first window. */
export async function bootMainProcess(options: Partial<StandInOptions> & { bundle?: string } = {}) {
  const dir = bootFolder();
  const standIn = createMainProcessStandIn({
    paths: { userData: join(dir, 'userData'), documents: join(dir, 'Documents') },
    appPath: PROJECT_ROOT,
    ...options,
  });
  loadMainBundle(options.bundle ?? BUILT_MAIN, standIn.electron);
  const created = standIn.nextWindow();
  standIn.becomeReady();
  const window = await created;
  return { dir, standIn, window, dataDir: join(dir, 'userData') };
}

/** What Electron hands the IPC handler for a call from the window's own main frame. */
export const trustedEvent = (window: StandInWindow) => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });

export async function callIpc(standIn: MainProcessStandIn, event: unknown, name: string, args: unknown = {}): Promise<Envelope> {
  const handler = standIn.ipcHandlers.get('lab:call');
  if (!handler) throw new Error('the main process registered no lab:call handler');
  return (await handler(event, name, args)) as Envelope;
}

export async function requestApp(standIn: MainProcessStandIn, url: string): Promise<Response> {
  const handler = standIn.protocolHandlers.get('app');
  if (!handler) throw new Error('the main process registered no app:// handler');
  // Only request.url is read; a plain object lets un-normalised URLs reach the handler as typed.
  return await handler({ url });
}

/**
 * The main process reads MNIST_LAB_HOME/MNIST_LAB_MIRRORS from process.env; without them the data
 * folder is the stand-in's userData, as for a user who set nothing. Returns the restore function.
 */
export function clearLabEnvironment(): () => void {
  const saved = { MNIST_LAB_HOME: process.env.MNIST_LAB_HOME, MNIST_LAB_MIRRORS: process.env.MNIST_LAB_MIRRORS };
  delete process.env.MNIST_LAB_HOME;
  delete process.env.MNIST_LAB_MIRRORS;
  return () => {
    for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
  };
}
