/**
 * Is a dataset on disk and intact? A file is 'ok' only when its size and SHA-256 match. Hashing 55 MB
 * on every launch would be wasteful, so the result is remembered in a stamp (`.stamp.json`, written
 * atomically next to the files) keyed on size + mtime; a file whose size or mtime changed is hashed again.
 *
 * For a file without a pinned SHA-256 (Fashion-MNIST for now), the stamp written by a verified
 * download or import is the record to check against; without one the file cannot be vouched for.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DatasetFileSummary, DatasetStatus } from '../../api/contracts/datasets.ts';
import type { CatalogDataset, CatalogFile } from './catalog.ts';
import { writeFileAtomic } from './store.ts';

export const STAMP_NAME = '.stamp.json';

export interface StampEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
}

export interface Stamp {
  version: 1;
  files: Record<string, StampEntry>;
}


export interface DatasetCheck {
  status: DatasetStatus;
  files: DatasetFileSummary[];
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export async function readStamp(dir: string): Promise<Stamp> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, STAMP_NAME), 'utf8')) as Partial<Stamp>;
    if (parsed.version === 1 && parsed.files && typeof parsed.files === 'object') return { version: 1, files: parsed.files };
  } catch {
    // missing or unreadable: start afresh, files get hashed again
  }
  return { version: 1, files: {} };
}

export async function writeStamp(dir: string, stamp: Stamp): Promise<void> {
  await writeFileAtomic(join(dir, STAMP_NAME), dir, STAMP_NAME, `${JSON.stringify(stamp, null, 2)}\n`);
}

/** Stamp entries for freshly committed files (their hash was computed while writing them). */
export async function stampFiles(dir: string, hashes: ReadonlyMap<string, string>): Promise<void> {
  const stamp = await readStamp(dir);
  for (const [file, sha256] of hashes) {
    const info = await stat(join(dir, file));
    stamp.files[file] = { size: info.size, mtimeMs: info.mtimeMs, sha256 };
  }
  await writeStamp(dir, stamp);
}

async function checkFile(dir: string, file: CatalogFile, stamp: Stamp, force: boolean): Promise<{ check: DatasetFileSummary; entry?: StampEntry }> {
  const base = { file: file.file, role: file.role, expectedSize: file.size };
  let info;
  try {
    info = await stat(join(dir, file.file));
  } catch {
    return { check: { ...base, status: 'missing', size: null } };
  }
  if (!info.isFile() || info.size !== file.size) {
    return { check: { ...base, status: 'corrupt', size: info.size, reason: `size is ${info.size} bytes, expected ${file.size}` } };
  }
  const recorded = stamp.files[file.file];
  const expected = file.sha256 ?? recorded?.sha256 ?? null;
  if (expected === null) {
    return {
      check: { ...base, status: 'corrupt', size: info.size, reason: 'no checksum on record for this file; download or import it again' },
    };
  }
  const unchanged = recorded !== undefined && recorded.size === info.size && recorded.mtimeMs === info.mtimeMs;
  if (unchanged && !force && recorded.sha256 === expected) {
    return { check: { ...base, status: 'ok', size: info.size } };
  }
  const actual = await sha256OfFile(join(dir, file.file));
  if (actual !== expected) {
    return {
      check: { ...base, status: 'corrupt', size: info.size, reason: `content differs from the original (SHA-256 ${actual.slice(0, 12)}…)` },
    };
  }
  return { check: { ...base, status: 'ok', size: info.size }, entry: { size: info.size, mtimeMs: info.mtimeMs, sha256: actual } };
}

export function summarize(files: readonly DatasetFileSummary[]): DatasetStatus {
  if (files.every((f) => f.status === 'ok')) return 'ready';
  if (files.some((f) => f.status === 'corrupt')) return 'corrupt';
  if (files.every((f) => f.status === 'missing')) return 'missing';
  return 'partial';
}

/**
 * Checks every file of a dataset; `force` hashes even files the stamp vouches for.
 * A changed-then-verified file gets its stamp entry refreshed.
 */
export async function checkDataset(dir: string, dataset: CatalogDataset, force = false): Promise<DatasetCheck> {
  const stamp = await readStamp(dir);
  const files: DatasetFileSummary[] = [];
  let refreshed = false;
  for (const file of dataset.files) {
    const { check, entry } = await checkFile(dir, file, stamp, force);
    files.push(check);
    if (entry) {
      stamp.files[file.file] = entry;
      refreshed = true;
    }
  }
  if (refreshed) await writeStamp(dir, stamp);
  return { status: summarize(files), files };
}
