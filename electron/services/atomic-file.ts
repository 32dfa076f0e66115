/**
 * Atomic file writes for everything in the data folder (runs, datasets, handwriting, window state):
 * temp file in the same folder (same filesystem, so rename is atomic) → fsync → rename → fsync of
 * the folder. Nothing half-written ever carries a final name.
 *
 * Temp names carry the writer's pid (`.<name>.<pid>.<12 hex>.partial`): the CLI, the web host and
 * the desktop app may share one data folder, so a start-up cleanup removes a temp file only when
 * its writer is gone (or is this process and no longer writing it), never a live writer's.
 *
 * Files are created owner-only (0600) and folders 0700: the data folder holds the learner's
 * drawings and models, and other users of the machine have no business reading them.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './liveness.ts';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;
const TEMP_SUFFIX = '.partial';
/** `.part` is the datasets store's suffix before both writers became this one; still cleaned up. */
const TEMP_PATTERN = /^\..+\.(\d+)\.[0-9a-f]{12}\.(?:partial|part)$/;

/** Temp files this process is writing right now (so a cleanup in this process leaves them alone). */
const liveTemps = new Set<string>();

export function isTempName(name: string): boolean {
  return TEMP_PATTERN.test(name);
}

export function ensureDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}

/**
 * A folder that is the lab's own (runs/, datasets/, handwriting/): created 0700, and made 0700 when
 * an earlier version left it readable by others, so what lies below is private whatever its modes.
 */
export function ensurePrivateDirSync(dir: string): void {
  ensureDirSync(dir);
  try {
    const stat = statSync(dir);
    const ours = typeof process.getuid !== 'function' || stat.uid === process.getuid();
    if (ours && (stat.mode & 0o077) !== 0) chmodSync(dir, DIR_MODE);
  } catch {
    // best effort (Windows has no such modes; a folder made by another user stays as it is)
  }
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/** A fresh temp path next to `target`, registered as live until committed or discarded. */
export function claimTempPath(target: string): string {
  const path = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  liveTemps.add(path);
  return path;
}

/** Publishes a fully written and fsynced temp file under its final name (owner-only, whoever opened it). */
export async function commitTemp(tempPath: string, finalPath: string): Promise<void> {
  await chmod(tempPath, FILE_MODE);
  await rename(tempPath, finalPath);
  liveTemps.delete(tempPath);
}

export async function discardTemp(tempPath: string): Promise<void> {
  await rm(tempPath, { force: true });
  liveTemps.delete(tempPath);
}

function discardTempSync(tempPath: string): void {
  rmSync(tempPath, { force: true });
  liveTemps.delete(tempPath);
}

export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  ensureDirSync(dirname(target));
  const temp = claimTempPath(target);
  try {
    const fd = openSync(temp, 'w', FILE_MODE);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let written = 0;
      while (written < bytes.byteLength) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    liveTemps.delete(temp);
  } catch (error) {
    discardTempSync(temp);
    throw error;
  }
  syncDirSync(dirname(target));
}

export async function writeFileAtomicAsync(target: string, data: Uint8Array | string): Promise<void> {
  await ensureDir(dirname(target));
  const temp = claimTempPath(target);
  try {
    const handle = await open(temp, 'w', FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await commitTemp(temp, target);
  } catch (error) {
    await discardTemp(temp);
    throw error;
  }
  await syncDir(dirname(target));
}

/** fsync of the folder makes the rename itself durable; some platforms (Windows) cannot, so best effort. */
export function syncDirSync(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort: the rename is still atomic
  }
}

export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort: the rename is still atomic
  }
}

/** True for a temp file whose writer is gone: another process that died, or this one after it stopped writing it. */
export function isAbandonedTemp(dir: string, name: string): boolean {
  const match = TEMP_PATTERN.exec(name);
  if (!match) return false;
  const pid = Number(match[1]);
  return pid === process.pid ? !liveTemps.has(join(dir, name)) : !processAlive(pid);
}

/** Removes the abandoned temp files of one folder (not below it). Returns the paths removed. */
export function cleanAbandonedTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no such folder (yet), or not a folder
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isAbandonedTemp(dir, name)) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

export function writeJsonAtomic(target: string, value: unknown): void {
  writeFileAtomic(target, `${JSON.stringify(value, null, 2)}\n`);
}

/** The parsed file, or undefined when it is missing or not valid JSON. */
export function readJsonFile<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
