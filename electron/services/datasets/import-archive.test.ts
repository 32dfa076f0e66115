/** The web host's import path: the browser's chosen files arrive as one zip and import like files on disk. */
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mnistFilePath, type MnistFile } from '../../../test-support/mnist-files.ts';
import { importArchive, MAX_ARCHIVE_CONTENT } from './import-archive.ts';
import { createDatasetService } from './index.ts';

const FILES: MnistFile[] = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'import-archive-'));
  return { dataDir, service: createDatasetService({ dataDir, mirrors: ['http://127.0.0.1:9/'] }) };
}

describe('importArchive', () => {
  it('imports the four genuine MNIST files uploaded under any names, leaving no upload folder', async () => {
    const { dataDir, service } = setup();
    const entries = Object.fromEntries(FILES.map((file, i) => [`upload-${i}.bin`, [new Uint8Array(readFileSync(mnistFilePath(file))), { level: 0 }] as const]));
    const info = await importArchive(service, dataDir, 'mnist', zipSync(entries as never));
    expect(info.status).toBe('ready');
    expect(readdirSync(dataDir).filter((entry) => entry.startsWith('.upload-'))).toEqual([]);
  });

  it('refuses a non-zip, an empty upload and a declared size beyond any dataset, changing nothing', async () => {
    const { dataDir, service } = setup();
    await expect(importArchive(service, dataDir, 'mnist', strToU8('plain text'))).rejects.toMatchObject({ code: 'NOT_A_DATASET_FILE' });
    await expect(importArchive(service, dataDir, 'mnist', zipSync({}))).rejects.toMatchObject({ code: 'MISSING_ROLE' });
    // A zip whose entries claim more content than MAX_ARCHIVE_CONTENT is refused before inflating.
    const zeros = new Uint8Array(MAX_ARCHIVE_CONTENT / 2 + 1);
    const bomb = zipSync({ a: zeros, b: zeros });
    await expect(importArchive(service, dataDir, 'mnist', bomb)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect((await service.status('mnist')).status).toBe('missing');
    expect(readdirSync(dataDir).filter((entry) => entry.startsWith('.upload-'))).toEqual([]);
  });
});
