import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, open, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistFilePath } from '../../../test-support/mnist-files.ts';
import { createDatasetService } from './service.ts';
import { datasetDir, listTempFiles } from './store.ts';
import { STAMP_NAME, type Stamp } from './verify.ts';

const MNIST = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;
let work: string;
let bundledDir: string;

async function readyDataDir(): Promise<{ dataDir: string; dir: string }> {
  const dataDir = await mkdtemp(join(work, 'data-'));
  await createDatasetService({ dataDir }).importFiles('mnist', MNIST.map(mnistFilePath));
  return { dataDir, dir: datasetDir(dataDir, 'mnist') };
}

async function stampOf(dir: string): Promise<Stamp> {
  return JSON.parse(await readFile(join(dir, STAMP_NAME), 'utf8')) as Stamp;
}

/** Overwrites one byte in place, keeping size; restores the old mtime when asked. */
async function flipByte(path: string, offset: number, keepMtime: boolean): Promise<void> {
  const before = await stat(path);
  const handle = await open(path, 'r+');
  const byte = new Uint8Array(1);
  await handle.read(byte, 0, 1, offset);
  byte[0] = byte[0]! ^ 0x01;
  await handle.write(byte, 0, 1, offset);
  await handle.close();
  if (keepMtime) await utimes(path, before.atime, before.mtime);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mnist-lab-verify-'));
  bundledDir = join(work, 'bundled');
  await promisify(execFile)(process.execPath, [join(import.meta.dirname, '../../../scripts/copy-mnist-assets.mjs'), '--out', join(bundledDir, 'mnist')]);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('cache check and stamp', () => {
  it('reports missing, partial, ready and corrupt', async () => {
    const empty = await mkdtemp(join(work, 'data-'));
    const service = createDatasetService({ dataDir: empty });
    expect((await service.list()).map((d) => [d.name, d.status])).toEqual([
      ['mnist', 'missing'],
      ['fashion-mnist', 'missing'],
    ]);

    const { dataDir, dir } = await readyDataDir();
    const ready = createDatasetService({ dataDir });
    expect((await ready.status('mnist')).status).toBe('ready');

    await truncate(join(dir, 't10k-labels-idx1-ubyte'), 100);
    const corrupt = await ready.status('mnist');
    expect(corrupt.status).toBe('corrupt');
    expect(corrupt.files.find((f) => f.file === 't10k-labels-idx1-ubyte')).toMatchObject({ status: 'corrupt', reason: 'size is 100 bytes, expected 10008' });
    await expect(ready.load('mnist')).rejects.toMatchObject({ code: 'NOT_READY' });

    await rm(join(dir, 't10k-labels-idx1-ubyte'));
    const partial = await ready.status('mnist');
    expect(partial.status).toBe('partial');
    expect(partial.files.map((f) => f.status)).toEqual(['ok', 'ok', 'ok', 'missing']);
  });

  it('trusts the stamp while size and mtime hold, and hashes again when they change', async () => {
    const { dataDir, dir } = await readyDataDir();
    const service = createDatasetService({ dataDir });
    const labels = join(dir, 'train-labels-idx1-ubyte');
    const stamped = (await stampOf(dir)).files['train-labels-idx1-ubyte']!;
    expect(stamped).toMatchObject({ size: 60008, sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5' });

    // same content, new mtime: hashed again, still ok, stamp moved to the new mtime
    const later = new Date(Date.now() + 60_000);
    await utimes(labels, later, later);
    expect((await service.status('mnist')).status).toBe('ready');
    const refreshed = (await stampOf(dir)).files['train-labels-idx1-ubyte']!;
    expect(refreshed.mtimeMs).toBe((await stat(labels)).mtimeMs);
    expect(refreshed.mtimeMs).not.toBe(stamped.mtimeMs);

    // content changed behind an unchanged size+mtime: the stamp is trusted (that is the point of
    // it), and an explicit verify() hashes anyway
    await flipByte(labels, 5000, true);
    expect((await service.status('mnist')).status).toBe('ready');
    const verified = await service.verify('mnist');
    expect(verified.status).toBe('corrupt');
    expect(verified.files.find((f) => f.file === 'train-labels-idx1-ubyte')?.reason).toMatch(/^content differs from the original/);

    // same corruption noticed by the cheap check once the mtime moves
    await flipByte(labels, 5000, true); // restore
    expect((await service.verify('mnist')).status).toBe('ready');
    await flipByte(labels, 7000, false);
    expect((await service.status('mnist')).status).toBe('corrupt');
  });

  it('hashes files without a stamp and writes one', async () => {
    const { dataDir, dir } = await readyDataDir();
    await rm(join(dir, STAMP_NAME));
    expect((await createDatasetService({ dataDir }).status('mnist')).status).toBe('ready');
    expect(Object.keys((await stampOf(dir)).files).sort()).toEqual([...MNIST].sort());
  });
});

describe('temp files', () => {
  it('cleans temp files of dead writers only', async () => {
    const { dataDir, dir } = await readyDataDir();
    const dead = join(dir, '.train-images-idx3-ubyte.999999999.0123456789ab.part');
    const alive = join(dir, `.train-images-idx3-ubyte.${process.ppid}.0123456789ab.part`);
    const unrelated = join(dir, 'notes.txt');
    await Promise.all([writeFile(dead, 'x'), writeFile(alive, 'x'), writeFile(unrelated, 'x')]);
    const removed = await createDatasetService({ dataDir }).cleanTemp();
    expect(removed).toEqual([dead]);
    expect(await listTempFiles(dir)).toEqual([`.train-images-idx3-ubyte.${process.ppid}.0123456789ab.part`]);
    expect(await readFile(unrelated, 'utf8')).toBe('x');
  });
});

describe('bundled copy and load', () => {
  it('installs the bundled copy made by scripts/copy-mnist-assets.mjs, then loads it as bytes', async () => {
    const dataDir = await mkdtemp(join(work, 'data-'));
    const service = createDatasetService({ dataDir, bundledDir });
    expect((await service.status('mnist')).bundled).toBe(true);
    expect((await service.installBundled('mnist')).status).toBe('ready');
    const data = await service.load('mnist');
    expect(data.classes).toHaveLength(10);
    expect([data.train.count, data.test.count]).toEqual([60000, 10000]);
    expect([data.train.images.length, data.test.images.length, data.train.labels.length]).toEqual([60000 * 784, 10000 * 784, 60000]);
    // label counts of the training set, as published (DESIGN.md §5)
    const perClass = new Array<number>(10).fill(0);
    for (const label of data.train.labels) perClass[label]! += 1;
    expect(perClass).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });

  it('refuses a missing or damaged bundled copy, changing nothing', async () => {
    const dataDir = await mkdtemp(join(work, 'data-'));
    await expect(createDatasetService({ dataDir }).installBundled('mnist')).rejects.toMatchObject({ code: 'NO_BUNDLED_COPY' });

    const damaged = join(work, 'damaged');
    await mkdir(join(damaged, 'mnist'), { recursive: true });
    for (const file of MNIST) await copyFile(join(bundledDir, 'mnist', `${file}.gz`), join(damaged, 'mnist', `${file}.gz`));
    const gz = await readFile(join(damaged, 'mnist', 't10k-images-idx3-ubyte.gz'));
    await writeFile(join(damaged, 'mnist', 't10k-images-idx3-ubyte.gz'), gz.subarray(0, gz.length >> 1));
    const service = createDatasetService({ dataDir, bundledDir: damaged });
    await expect(service.installBundled('mnist')).rejects.toMatchObject({
      code: 'CONTENT_MISMATCH',
      message: expect.stringMatching(/^The built-in copy of t10k-images-idx3-ubyte is damaged \(the file ended early/),
    });
    expect((await service.status('mnist')).status).toBe('missing');
    expect(await listTempFiles(datasetDir(dataDir, 'mnist'))).toEqual([]);
  });

  it('says which dataset is unknown', async () => {
    const service = createDatasetService({ dataDir: work });
    await expect(service.load('cifar')).rejects.toMatchObject({ code: 'UNKNOWN_DATASET', message: 'There is no dataset called "cifar". Known datasets: mnist, fashion-mnist.' });
  });
});
