/** Remembers the window's size and position between launches (atomic JSON in the data folder). */
import type { BrowserWindow, Rectangle } from 'electron';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../services/atomic-file.ts';

export interface WindowState {
  bounds: Partial<Rectangle> & { width: number; height: number };
  maximized: boolean;
}

const DEFAULT_STATE: WindowState = { bounds: { width: 1280, height: 860 }, maximized: false };

export function loadWindowState(dataDir: string): WindowState {
  const saved = readJsonFile<WindowState>(join(dataDir, 'window-state.json'));
  const valid = saved && typeof saved.bounds?.width === 'number' && typeof saved.bounds.height === 'number';
  return valid ? saved : DEFAULT_STATE;
}

export function trackWindowState(window: BrowserWindow, dataDir: string): void {
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    writeJsonAtomic(join(dataDir, 'window-state.json'), state);
  });
}
