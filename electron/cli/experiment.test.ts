/** `mnist-lab experiment`: real training on MNIST subsets, runs recorded in a scratch data folder with the experiment's tag. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataFolderWith } from '../../test-support/data-folder.ts';
import { EXPERIMENTS } from '../../workers/engine/experiments/index.ts';
import { loadMnist } from '../../test-support/mnist-files.ts';
import { createHandwritingService } from '../services/handwriting.ts';
import { createRunsService } from '../services/runs/index.ts';
import { runExperimentCli } from './experiment.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mnist-lab-experiment-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** a data folder with MNIST installed, as `mnist-lab dataset import` leaves it */
const withMnist = (name: string) => dataFolderWith(['mnist'], join(scratch, name));

function capture(onErr?: (text: string) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => (err.push(s), onErr?.(s)), isTTY: false };
  return { io, out, err };
}

describe('mnist-lab experiment', () => {
  it('list names every experiment with its question and time here', async () => {
    const { io, out } = capture();
    expect(await runExperimentCli(['experiment', 'list'], io, { dataDir: scratch, appVersion: 't' })).toBe(0);
    const text = out.join('');
    for (const e of EXPERIMENTS) expect(text).toContain(`${e.name}`);
    expect(text).toMatch(/why-scale\s+Why scale the images to 0–1\?\s+\(scaled 0–1 vs raw 0–255 vs standardised; about \d+ s\)/);
  });

  it('run prints the finding and a table, and keeps every variant as a run tagged with the experiment', async () => {
    const dataDir = await withMnist('json');
    const { io, out } = capture();
    const code = await runExperimentCli(['run', 'why-scale', '--subset', '600', '--json'], io, { dataDir, appVersion: 't' });
    expect(code).toBe(0);
    const report = JSON.parse(out.join('')) as { finding: string; variants: { id: string; status: string; runId: string; test: { accuracy: number } | null }[] };
    expect(report.variants.map((v) => v.id)).toEqual(['scaled', 'raw', 'standardized']);
    const scaled = report.variants[0]!;
    expect(scaled.status).toBe('finished');
    expect(report.finding).toContain(`scaled 0–1: ${(scaled.test!.accuracy * 100).toFixed(1)} %`);
    const runs = createRunsService({ dataDir }).list().runs;
    expect(runs).toHaveLength(3);
    for (const v of report.variants) {
      const run = runs.find((r) => r.id === v.runId)!;
      expect(run.experiment).toEqual({ name: 'why-scale', variant: v.id });
      expect(run.name).toMatch(/^why-scale · /);
    }

    const text = capture();
    expect(await runExperimentCli(['run', 'loss', '--subset', '300'], text.io, { dataDir, appVersion: 't' })).toBe(0);
    const printed = text.out.join('');
    expect(printed).toMatch(/sparse categorical cross-entropy: \d+\.\d % test accuracy/);
    expect(printed).toMatch(/variant\s+status\s+test accuracy\s+s \/ epoch\s+epochs\n/);
    expect(printed).toMatch(/mean squared error\s+finished\s+\d+\.\d %/);
  });

  it('stopping keeps the finished variants and says which are missing', async () => {
    const dataDir = await withMnist('stopped');
    const controller = new AbortController();
    const { io, out, err } = capture((text) => text.startsWith('[2/') && controller.abort());
    const code = await runExperimentCli(['run', 'optimizer', '--subset', '2000'], io, { dataDir, appVersion: 't', signal: controller.signal });
    expect(code).toBe(1);
    expect(out.join('')).toMatch(/Not run: adam \(lr 0\.001\)/);
    expect(err.join('')).toMatch(/stopped: not run: adam \(lr 0\.001\)/);
    const runs = createRunsService({ dataDir }).list().runs;
    expect(runs.map((r) => r.status).sort()).toEqual(['finished', 'stopped']);
  });

  it('generalisation also scores each model on the handwriting set in the data folder', async () => {
    const dataDir = await withMnist('handwriting');
    const digits = loadMnist('test', 3);
    const set = createHandwritingService(dataDir);
    for (let i = 0; i < 3; i++) set.add(digits.labels[i]!, digits.images.subarray(i * 784, (i + 1) * 784));
    const { io, out } = capture();
    expect(await runExperimentCli(['run', 'generalisation', '--subset', '500', '--json'], io, { dataDir, appVersion: 't' })).toBe(0);
    const report = JSON.parse(out.join('')) as { finding: string; variants: { handwriting: { count: number; accuracy: number } | null }[] };
    for (const v of report.variants) expect(v.handwriting?.count).toBe(3);
    expect(report.finding).toMatch(/On your own 3 handwritten digits: 2 000 images \d+\.\d %/);
  });

  it('says how to get MNIST when the data folder has none', async () => {
    const { io, err } = capture();
    expect(await runExperimentCli(['run', 'why-scale'], io, { dataDir: join(scratch, 'empty'), appVersion: 't' })).toBe(1);
    expect(err.join('')).toMatch(/Get it with `mnist-lab dataset download`/);
  });

  it('refuses an unknown experiment or option with exit code 2', async () => {
    const { io, err } = capture();
    expect(await runExperimentCli(['run', 'nope'], io, { dataDir: scratch, appVersion: 't' })).toBe(2);
    expect(err.join('')).toMatch(/unknown experiment "nope"; choose one of why-scale, batch-size/);
    expect(await runExperimentCli(['run', 'why-scale', '--subset', 'x'], io, { dataDir: scratch, appVersion: 't' })).toBe(2);
    expect(await runExperimentCli(['frobnicate'], io, { dataDir: scratch, appVersion: 't' })).toBe(2);
  });
});
