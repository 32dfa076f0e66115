/**
 * Tests that load the built app (dist/) build it first when any source is newer (build.mjs
 * --if-needed). Test files run in parallel forks: a lock folder keeps two builds from writing dist/
 * at once.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILT_MAIN = join(PROJECT_ROOT, 'dist', 'electron', 'main.cjs');
export const BUILT_PRELOAD = join(PROJECT_ROOT, 'dist', 'electron', 'preload.cjs');
export const BUILT_RENDERER = join(PROJECT_ROOT, 'dist', 'renderer');

const LOCK = join(PROJECT_ROOT, 'dist', '.build-lock');
const STALE_LOCK_MS = 5 * 60_000;

function holderIsGone(): boolean {
  try {
    process.kill(Number(readFileSync(join(LOCK, 'pid'), 'utf8')), 0);
    return Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS;
  } catch (error) {
    // ESRCH: the builder died; no pid file yet: only stale when old.
    return (error as NodeJS.ErrnoException).code === 'ESRCH' || Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS;
  }
}

function takeLock(): boolean {
  try {
    mkdirSync(dirname(LOCK), { recursive: true });
    mkdirSync(LOCK);
    writeFileSync(join(LOCK, 'pid'), String(process.pid));
    return true;
  } catch {
    try {
      if (holderIsGone()) rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // released meanwhile
    }
    return false;
  }
}

export async function ensureBuilt(): Promise<void> {
  while (!takeLock()) await new Promise((resolve) => setTimeout(resolve, 250));
  try {
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), '--if-needed'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`node scripts/build.mjs --if-needed failed:\n${result.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
