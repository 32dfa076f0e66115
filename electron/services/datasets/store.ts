/**
 * Where dataset files live and how they get there: `<dataDir>/datasets/<name>/<file>`.
 * Every write goes to a temp file in the same folder (same filesystem, so rename is atomic), is
 * fsynced, then renamed over the final name: nothing half-written ever carries a final name.
 * Temp names carry the writer's pid so a later start can tell a crashed writer's leftovers from the
 * live temp file of another process (the CLI and the app may run at the same time).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

const TEMP_PATTERN = /^\..+\.(\d+)\.[0-9a-f]{12}\.part$/;

/** Temp files this process is writing right now (so cleanTemp in this process leaves them alone). */
const liveTemps = new Set<string>();

export function datasetsRoot(dataDir: string): string {
  return join(dataDir, 'datasets');
}

export function datasetDir(dataDir: string, name: string): string {
  return join(datasetsRoot(dataDir), name);
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/** A fresh temp path next to `finalName`, registered as live until released. */
export function claimTempPath(dir: string, finalName: string): string {
  const path = join(dir, `.${finalName}.${process.pid}.${randomBytes(6).toString('hex')}.part`);
  liveTemps.add(path);
  return path;
}

export async function discardTemp(path: string): Promise<void> {
  await rm(path, { force: true });
  liveTemps.delete(path);
}

/** Atomically publishes a fully written and fsynced temp file under its final name. */
export async function commitTemp(tempPath: string, finalPath: string): Promise<void> {
  await rename(tempPath, finalPath);
  liveTemps.delete(tempPath);
}

/** fsync of the folder makes the rename itself durable; not supported everywhere (Windows), so best effort. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

export async function writeFileAtomic(finalPath: string, dir: string, finalName: string, data: Uint8Array | string): Promise<void> {
  await ensureDir(dir);
  const temp = claimTempPath(dir, finalName);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await commitTemp(temp, finalPath);
    await syncDir(dir);
  } catch (error) {
    await discardTemp(temp);
    throw error;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes temp files left by writers that are gone (crash, kill, power loss). Returns the paths removed. */
export async function cleanTempFiles(dataDir: string): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(datasetsRoot(dataDir));
  } catch {
    return removed; // no datasets folder yet
  }
  for (const name of names) {
    const dir = join(datasetsRoot(dataDir), name);
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      continue; // not a folder
    }
    for (const entry of entries) {
      const match = TEMP_PATTERN.exec(entry);
      if (!match) continue;
      const path = join(dir, entry);
      const pid = Number(match[1]);
      const abandoned = pid === process.pid ? !liveTemps.has(path) : !isProcessAlive(pid);
      if (abandoned) {
        await rm(path, { force: true });
        removed.push(path);
      }
    }
  }
  return removed;
}

/** Temp files currently present for one dataset (tests and diagnostics). */
export async function listTempFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((e) => TEMP_PATTERN.test(e));
  } catch {
    return [];
  }
}
