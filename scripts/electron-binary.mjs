/**
 * Finds the Electron binary without triggering the electron package's lazy download (requiring
 * `electron` from Node downloads on first use and throws a stack trace when offline).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function electronPackageDir() {
  return dirname(require.resolve('electron/package.json'));
}

/** The executable's path, or undefined when no binary is installed. */
export function findElectronBinary() {
  const dir = electronPackageDir();
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist');
  const full = join(base, relative);
  return existsSync(full) ? full : undefined;
}
