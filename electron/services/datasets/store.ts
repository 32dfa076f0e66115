/**
 * Where dataset files live and how they get there: `<dataDir>/datasets/<name>/<file>`.
 * Every write goes through the data folder's one atomic writer (../atomic-file.ts): a pid-tagged
 * temp file in the same folder, fsynced, then renamed over the final name, owner-only. A later
 * start removes only the temp files of writers that are gone (the CLI and the app may run at the
 * same time on one data folder).
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  claimTempPath as claimAtomicTemp,
  cleanAbandonedTemps,
  commitTemp,
  ensurePrivateDirSync,
  discardTemp,
  ensureDir,
  isTempName,
  syncDir,
  writeFileAtomicAsync,
} from '../atomic-file.ts';
import { processAlive } from '../liveness.ts';

export { commitTemp, discardTemp, ensureDir, syncDir };

export function datasetsRoot(dataDir: string): string {
  return join(dataDir, 'datasets');
}

export function datasetDir(dataDir: string, name: string): string {
  return join(datasetsRoot(dataDir), name);
}

/** A fresh temp path next to `finalName`, registered as live until committed or discarded. */
export function claimTempPath(dir: string, finalName: string): string {
  return claimAtomicTemp(join(dir, finalName));
}

export async function writeFileAtomic(finalPath: string, _dir: string, _finalName: string, data: Uint8Array | string): Promise<void> {
  await writeFileAtomicAsync(finalPath, data);
}

/**
 * Start-up housekeeping: deletes temp files left by writers that are gone (crash, kill, power loss)
 * and makes the datasets folder owner-only. Returns the paths removed.
 */
export async function cleanTempFiles(dataDir: string): Promise<string[]> {
  ensurePrivateDirSync(datasetsRoot(dataDir));
  let names: string[];
  try {
    names = await readdir(datasetsRoot(dataDir));
  } catch {
    return []; // no datasets folder yet
  }
  return names.flatMap((name) => cleanAbandonedTemps(join(datasetsRoot(dataDir), name)));
}

/** Temp files currently present for one dataset (tests and diagnostics). */
export async function listTempFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter(isTempName);
  } catch {
    return [];
  }
}

/** The private folder a browser upload is unpacked into (see import-archive.ts), tagged with this process's pid. */
export function uploadFolderPrefix(dataDir: string): string {
  return join(dataDir, `.upload-${process.pid}-`);
}

/**
 * Upload folders of imports that a crash interrupted. Another host may be unpacking an upload into
 * the same data folder right now: only folders of processes that are gone go (untagged ones come
 * from versions before the tag and are always stale).
 */
export async function cleanStaleUploads(dataDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(dataDir)) {
    if (!entry.startsWith('.upload-')) continue;
    const pid = /^\.upload-(\d+)-/.exec(entry)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && processAlive(Number(pid))) continue;
    await rm(join(dataDir, entry), { recursive: true, force: true });
    removed.push(join(dataDir, entry));
  }
  return removed;
}
