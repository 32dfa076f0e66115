import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFolderWith } from '../../test-support/data-folder.ts';
import { runExport } from './export.ts';
import { runTrain } from './train.ts';
import { createRunsService } from '../services/runs/index.ts';

function capture() {
  let out = '';
  let err = '';
  return { io: { out: (s: string) => (out += s), err: (s: string) => (err += s) }, text: () => ({ out, err }) };
}

/** a data folder with MNIST, which `train` reads through the datasets service */
let home = '';
const scratch = mkdtempSync(join(tmpdir(), 'cli-export-test-'));
beforeAll(async () => {
  home = await dataFolderWith(['mnist'], join(scratch, 'home'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('mnist-lab export', () => {
  it('writes every format from a model folder the train command saved', async () => {
    const base = mkdtempSync(join(scratch, 'cli-export-'));
    const modelDir = join(base, 'model');
    const trained = capture();
    expect(await runTrain(['--subset', '512', '--epochs', '1', '--out', modelDir], trained.io, { dataDir: home })).toBe(0);

    const exported = capture();
    const outDir = join(base, 'exported');
    expect(await runExport([modelDir, '--out', outDir], exported.io, { dataDir: base })).toBe(0);
    expect(exported.text().out).toContain('written to');
    for (const file of ['keras/model.keras', 'keras/model.weights.h5', 'onnx/model.onnx', 'npz/USAGE.txt', 'tfjs/model.json', 'tfjs/weights.bin']) {
      expect(existsSync(join(outDir, file)), file).toBe(true);
    }
    expect(readFileSync(join(outDir, 'keras', 'USAGE.txt'), 'utf8')).toMatch(/load_model/);
  });

  it('explains bad sources and formats with exit codes 1 and 2', async () => {
    const base = mkdtempSync(join(scratch, 'cli-export-'));
    const missing = capture();
    expect(await runExport([join(base, 'nowhere'), '--out', join(base, 'o')], missing.io, { dataDir: base })).toBe(1);
    expect(missing.text().err).toContain('neither a run id nor a folder with model.json');
    const unknownRun = capture();
    expect(await runExport(['2026-11-29T12-58-03-ab12', '--out', join(base, 'o')], unknownRun.io, { dataDir: base })).toBe(1);
    const badFormat = capture();
    expect(await runExport([base, '--format', 'pickle', '--out', join(base, 'o')], badFormat.io, { dataDir: base })).toBe(2);
    expect(badFormat.text().err).toContain('unknown format pickle');
  });
});

describe('mnist-lab train → runs → export', () => {
  it('records the run in the data folder, and the run exports', async () => {
    const dataDir = await dataFolderWith(['mnist'], mkdtempSync(join(scratch, 'cli-run-')));
    const trained = capture();
    expect(await runTrain(['--subset', '512', '--epochs', '2'], trained.io, { dataDir, record: { appVersion: 'test' } })).toBe(0);
    const id = /recorded as run (\S+)/.exec(trained.text().err)?.[1];
    expect(id).toBeDefined();
    const record = createRunsService({ dataDir }).get(id!);
    expect(record.status).toBe('finished');
    expect(record.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(record.confusion?.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
    const exported = capture();
    expect(await runExport([id!, '--format', 'onnx', '--out', join(dataDir, 'out')], exported.io, { dataDir })).toBe(0);
    expect(existsSync(join(dataDir, 'out', 'onnx', 'model.onnx'))).toBe(true);
  });
});
