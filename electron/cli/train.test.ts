import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFolderWith } from '../../test-support/data-folder.ts';
import { loadMnist } from '../../test-support/mnist-files.ts';
import { pixelTransform } from '../../workers/engine/data.ts';
import { evaluate } from '../../workers/engine/metrics.ts';
import { createRunsService } from '../services/runs/index.ts';
import { runTrain } from './train.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mnist-lab-train-'));
/** the data folder the CLI reads (through the datasets service): MNIST, and the same files as Fashion-MNIST */
let home = '';
beforeAll(async () => {
  home = await dataFolderWith(['mnist', 'fashion-mnist'], join(scratch, 'home'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), isTTY: false }, out, err };
}

/** Reads a saved model back from disk, as the app or a user would. */
function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      const bin = readFileSync(join(dir, json.weightsManifest[0]!.paths[0]!));
      const data = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => [manifest.flatMap((group) => group.weights), data]);
    },
  };
}

describe('mnist-lab train', () => {
  it('trains, prints epochs and test accuracy, and saves a model that loads and scores the same', async () => {
    const outDir = join(scratch, 'model');
    const { io, out, err } = capture();
    const code = await runTrain(['train', '--preset', 'chollet-ch2', '--subset', '1000', '--epochs', '1', '--batch-size=100', '--seed', '5', '--out', outDir], io, { dataDir: home });
    expect(err.join('')).toMatch(/^chollet-ch2: 407,050 parameters; backend wasm/);
    expect(code).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^epoch 1\/1 loss=\d+\.\d{4} accuracy=0\.\d{4} time=\d+\.\ds$/);
    expect(lines[1]).toMatch(/^test_loss=\d+\.\d{4}$/);
    expect(lines[2]).toMatch(/^test_accuracy=0\.\d{4}$/);
    expect(lines[3]).toBe(`saved ${join(outDir, 'model.json')}`);

    const model = await tf.loadLayersModel(fileLoadHandler(outDir));
    expect(model.layers.map((l) => l.name)).toEqual(['dense', 'dense_1']);
    expect(model.countParams()).toBe(407_050);
    const meta = model.getUserDefinedMetadata() as { mnist_lab: { preprocessing: unknown; spec: { fit: { seed: number; batch_size: number } } } };
    expect(meta.mnist_lab.preprocessing).toEqual({ mode: 'scale', mean: 0, std: 1 });
    expect(meta.mnist_lab.spec.fit).toMatchObject({ seed: 5, batch_size: 100, subset: 1000, epochs: 1 });
    const result = await evaluate(model, loadMnist('test'), pixelTransform('scale'), 'sparse_categorical_crossentropy');
    expect(lines[2]).toBe(`test_accuracy=${result.accuracy.toFixed(4)}`);
    model.dispose();
  });

  it('--json prints one event object per line', async () => {
    const { io, out } = capture();
    expect(await runTrain(['--subset', '300', '--epochs', '2', '--json', '--seed', '1'], io, { dataDir: home })).toBe(0);
    const events = out.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(events[0]).toMatchObject({ type: 'start', epochs: 2, trainCount: 300 });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'finished', test: { count: 10000 } });
  });

  it('reads the data folder through the datasets service: a dataset that is not there is a clear error (exit 1)', async () => {
    const { io, err } = capture();
    expect(await runTrain(['--epochs', '1'], io, { dataDir: join(scratch, 'empty') })).toBe(1);
    expect(err.join('')).toContain('MNIST handwritten digits is not ready (missing). Download or import it first.');
    expect(err.join('')).toContain('mnist-lab dataset download --name mnist');
    const unknown = capture();
    expect(await runTrain(['--dataset', 'kmnist'], unknown.io, { dataDir: home })).toBe(1);
    expect(unknown.err.join('')).toContain('There is no dataset called "kmnist". Known datasets: mnist, fashion-mnist.');
  });

  it('--dataset fashion-mnist trains on that catalog entry and records the run under its name', async () => {
    const { io, out, err } = capture();
    expect(await runTrain(['--dataset', 'fashion-mnist', '--subset', '300', '--epochs', '1', '--seed', '2'], io, { dataDir: home, record: { appVersion: 'test' } })).toBe(0);
    expect(err.join('')).toMatch(/; data fashion-mnist\n/);
    expect(out.join('')).toMatch(/^epoch 1\/1 loss=/);
    const id = /recorded as run (\S+)/.exec(err.join(''))?.[1];
    expect(createRunsService({ dataDir: home }).get(id!).settings).toMatchObject({ dataset: 'fashion-mnist', trainCount: 300 });
  });

  it('rejects bad options and invalid specs with exit code 2 and a clear message', async () => {
    const cases: [string[], string][] = [
      [['--preset', 'resnet'], 'unknown preset "resnet"; choose one of chollet-ch2, convnet-ch8, lenet5'],
      [['--epochs', 'five'], '--epochs needs a whole number ≥ 1, not "five"'],
      [['--backend', 'gpu'], '--backend must be wasm or cpu, not "gpu"'],
      [['--frobnicate'], 'unknown option --frobnicate'],
      [['--subset', '70000'], 'fit: subset must be at most 60000 (the size of the MNIST train set)'],
      [['--spec', join(scratch, 'missing.json')], 'cannot read the spec file'],
    ];
    for (const [argv, message] of cases) {
      const { io, err } = capture();
      expect(await runTrain(argv, io, { dataDir: home })).toBe(2);
      expect(err.join('')).toContain(message);
    }
  });
});
