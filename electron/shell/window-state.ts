/** Remembers the window's size and position between launches (atomic JSON in the data folder). */
import type { BrowserWindow, Rectangle } from 'electron';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../services/atomic-file.ts';

export interface WindowState {
  bounds: Partial<Rectangle> & { width: number; height: number };
  maximized: boolean;
}

export const MIN_WINDOW_SIZE = { width: 900, height: 600 };
const DEFAULT_STATE: WindowState = { bounds: { width: 1280, height: 860 }, maximized: false };
const MAX_SIDE = 16_384;

const isCoordinate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_SIDE * 4;
const isSide = (value: unknown, min: number): value is number => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= MAX_SIDE;

/** A window whose title bar would lie on no display (a monitor was unplugged) opens centred instead. */
function visibleOnSomeDisplay(bounds: Rectangle, displays: readonly Rectangle[]): boolean {
  return displays.some(
    (area) => bounds.x < area.x + area.width && bounds.x + bounds.width > area.x && bounds.y >= area.y && bounds.y < area.y + area.height,
  );
}

export function loadWindowState(dataDir: string, displays: readonly Rectangle[]): WindowState {
  const saved = readJsonFile<{ bounds?: Partial<Record<keyof Rectangle, unknown>>; maximized?: unknown }>(join(dataDir, 'window-state.json'));
  const bounds = saved?.bounds;
  if (!bounds || !isSide(bounds.width, MIN_WINDOW_SIZE.width) || !isSide(bounds.height, MIN_WINDOW_SIZE.height)) return DEFAULT_STATE;
  const size = { width: bounds.width, height: bounds.height };
  const placed = isCoordinate(bounds.x) && isCoordinate(bounds.y) && visibleOnSomeDisplay({ ...size, x: bounds.x, y: bounds.y }, displays);
  return { bounds: placed ? { ...size, x: bounds.x as number, y: bounds.y as number } : size, maximized: saved.maximized === true };
}

export function trackWindowState(window: BrowserWindow, dataDir: string): void {
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    writeJsonAtomic(join(dataDir, 'window-state.json'), state);
  });
}
