/** The native dialogs behind `dataset.import` and `exports.save`: the user, not the renderer, picks paths. */
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import type { HostCapabilities } from '../core.ts';
import { writeFileAtomic } from '../services/atomic-file.ts';

async function pickDatasetFiles(): Promise<string[] | undefined> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import MNIST files',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'MNIST files (IDX, .gz, Keras mnist.npz)', extensions: ['gz', 'npz', 'idx3-ubyte', 'idx1-ubyte', '*'] }],
  };
  const parent = BrowserWindow.getFocusedWindow();
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths;
}

async function saveFile(suggestedName: string, bytes: Uint8Array): Promise<string | undefined> {
  const options: Electron.SaveDialogOptions = {
    title: 'Export the model',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'Zip archive', extensions: ['zip'] }],
  };
  const parent = BrowserWindow.getFocusedWindow();
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return undefined;
  writeFileAtomic(result.filePath, bytes);
  return result.filePath;
}

export const dialogCapabilities: HostCapabilities = { pickDatasetFiles, saveFile };
