/**
 * The one road into the cache for a gzipped file (download, bundled copy, .gz import):
 * stream → gunzip (decompressed size capped at the pinned size, so a gzip bomb stops at the cap)
 * → SHA-256 → temp file next to the final name → fsync. The caller renames it into place once the
 * whole dataset is in, or discards it.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { claimTempPath, discardTemp } from './store.ts';

export interface ExpectedFile {
  file: string;
  /** decompressed bytes; also the cap */
  size: number;
  /** of the decompressed content; null = not pinned */
  sha256: string | null;
  /** of the compressed bytes as published; null = none */
  gzMd5: string | null;
}

/**
 * Why a copy was rejected, in words for the learner. `retryable` says whether asking the same source
 * again may help (a reset connection) or not (a wrong checksum means that mirror holds bad data).
 */
export class CopyRejected extends Error {
  override name = 'CopyRejected';
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(reason);
  }
}

export interface GunzipToTempOptions {
  signal?: AbortSignal;
  /** after each compressed chunk arrives (idle timers) */
  onCompressed?: (bytes: number) => void;
  /** after each decompressed chunk is written (progress) */
  onDecompressed?: (bytes: number) => void;
}

export interface TempCopy {
  tempPath: string;
  sha256: string;
}

function describeZlibError(error: NodeJS.ErrnoException): CopyRejected | null {
  if (error.code === 'Z_BUF_ERROR') return new CopyRejected('the file ended early (truncated gzip data)', true);
  if (error.code === 'Z_DATA_ERROR') return new CopyRejected(`not valid gzip data (${error.message})`, false);
  return null;
}

export async function gunzipToTemp(
  source: Readable | AsyncIterable<Uint8Array>,
  dir: string,
  expected: ExpectedFile,
  options: GunzipToTempOptions = {},
): Promise<TempCopy> {
  const tempPath = claimTempPath(dir, expected.file);
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let written = 0;
  const handle = await open(tempPath, 'w');
  let closed = false;
  try {
    await pipeline(
      source,
      async function* tapCompressed(chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          md5.update(chunk);
          options.onCompressed?.(chunk.byteLength);
          yield chunk;
        }
      },
      createGunzip(),
      async function writeDecompressed(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          if (written + chunk.byteLength > expected.size) {
            throw new CopyRejected(
              `size cap exceeded: more than ${expected.size} bytes after decompression (a gzip bomb or the wrong file)`,
              false,
            );
          }
          sha256.update(chunk);
          await handle.write(chunk);
          written += chunk.byteLength;
          options.onDecompressed?.(chunk.byteLength);
        }
      },
      options.signal ? { signal: options.signal } : {},
    );
    if (written !== expected.size) {
      throw new CopyRejected(`the file is incomplete: ${written} of ${expected.size} bytes after decompression`, true);
    }
    const gzMd5 = md5.digest('hex');
    if (expected.gzMd5 !== null && gzMd5 !== expected.gzMd5) {
      throw new CopyRejected(`checksum mismatch (MD5 of the .gz is ${gzMd5}, expected ${expected.gzMd5})`, false);
    }
    const digest = sha256.digest('hex');
    if (expected.sha256 !== null && digest !== expected.sha256) {
      throw new CopyRejected(`checksum mismatch (SHA-256 ${digest.slice(0, 12)}…, expected ${expected.sha256.slice(0, 12)}…)`, false);
    }
    await handle.sync();
    await handle.close();
    closed = true;
    return { tempPath, sha256: digest };
  } catch (error) {
    if (!closed) await handle.close().catch(() => undefined);
    await discardTemp(tempPath);
    throw describeZlibError(error as NodeJS.ErrnoException) ?? error;
  }
}
