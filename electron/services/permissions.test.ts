/**
 * The data folder holds the learner's drawings and models: every folder the lab creates in it is
 * 0700 and every file 0600, whatever the umask (set to 0 here, so a mode left to the default
 * would show up as 0777/0666).
 */
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetSpec } from '../../workers/engine/spec/presets.ts';
import { createLabCore } from '../core.ts';
import { writeJsonAtomic } from './atomic-file.ts';
import { claimTempPath, commitTemp, datasetDir, writeFileAtomic } from './datasets/store.ts';
import { createHandwritingService } from './handwriting.ts';
import { sampleModelBlob } from './runs/test-blob.ts';

function modes(root: string): Record<string, string> {
  const found: Record<string, string> = { '.': (statSync(root).mode & 0o777).toString(8) };
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    found[path.slice(root.length + 1)] = (statSync(path).mode & 0o777).toString(8);
  }
  return found;
}

let previousUmask: number;
beforeAll(() => {
  previousUmask = process.umask(0);
});
afterAll(() => {
  process.umask(previousUmask);
});

describe('data folder permissions', () => {
  it('creates the data folder and everything in it owner-only: folders 0700, files 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'modes-')), 'data');
    const core = createLabCore({ name: 'MNIST Lab', version: '0.0.0-test', host: 'web' }, { dataDir, mirrors: undefined });
    await core.prepare();

    const spec = presetSpec('chollet-ch2');
    spec.fit.epochs = 1;
    const { id } = core.runs.create({ spec, settings: { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: 'test', trainCount: 60000, validationCount: 0 } });
    core.runs.recordEpoch(id, { epoch: 1, loss: 0.3, acc: 0.9, val_loss: null, val_acc: null, seconds: 1 });
    core.runs.checkpoint(id, 1, sampleModelBlob(1000));
    core.runs.finish(id, { status: 'finished' });
    createHandwritingService(dataDir).add(4, new Uint8Array(784).fill(200));

    // The datasets store: a stamp through its writer, and a downloaded file the way the download path writes it.
    const dir = datasetDir(dataDir, 'mnist');
    await writeFileAtomic(join(dir, 'stamp.json'), dir, 'stamp.json', '{}');
    const temp = claimTempPath(dir, 't10k-labels-idx1-ubyte');
    const handle = await open(temp, 'w'); // default mode, as the download and import code open it
    await handle.writeFile(new Uint8Array(8));
    await handle.close();
    await commitTemp(temp, join(dir, 't10k-labels-idx1-ubyte'));
    writeJsonAtomic(join(dataDir, 'window-state.json'), { width: 1 });

    const found = modes(dataDir);
    const expected: Record<string, string> = {};
    for (const path of Object.keys(found)) expected[path] = statSync(join(dataDir, path)).isDirectory() ? '700' : '600';
    expect(found).toEqual(expected);
    // What was checked, so a listing that silently found nothing cannot pass.
    expect(Object.keys(found).sort()).toEqual(
      expect.arrayContaining([
        '.',
        'runs',
        `runs/${id}`,
        `runs/${id}/record.json`,
        `runs/${id}/model-e0001.bin`,
        'handwriting',
        'handwriting/drawings',
        'datasets',
        'datasets/mnist',
        'datasets/mnist/stamp.json',
        'datasets/mnist/t10k-labels-idx1-ubyte',
        'window-state.json',
      ]),
    );
    expect(readdirSync(join(dataDir, 'handwriting', 'drawings'))).toHaveLength(1);
  });

  it("makes the lab's own folders of an earlier version's data folder private, and leaves a folder the user made as it is", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'modes-old-')), 'my-lab');
    mkdirSync(dataDir, { mode: 0o755 }); // a folder the user made and points MNIST_LAB_HOME at
    for (const folder of ['runs', 'datasets', 'handwriting']) mkdirSync(join(dataDir, folder), { mode: 0o755 });
    const core = createLabCore({ name: 'MNIST Lab', version: '0.0.0-test', host: 'web' }, { dataDir, mirrors: undefined });
    await core.prepare();
    createHandwritingService(dataDir);
    const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
    expect(['runs', 'datasets', 'handwriting'].map((folder) => `${folder} ${mode(join(dataDir, folder))}`)).toEqual(['runs 700', 'datasets 700', 'handwriting 700']);
    expect(mode(dataDir)).toBe('755');
  });
});
