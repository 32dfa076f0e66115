/**
 * Model-size limits (limits.ts): refused by the validator with a message naming the limit and the
 * layer, shown inline in the editor, and refused by every host — the API contract of runs.create,
 * the runs service, the CLI and the worker's training session.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCalls } from '../../../electron/api/contracts/runs.ts';
import { runTrain } from '../../../electron/cli/train.ts';
import { createRunsService } from '../../../electron/services/runs/index.ts';
import { designFromSpec, designToSpecInput } from '../../../renderer/src/model/design.ts';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { TrainingSession } from '../../session.ts';
import { formatBytes, groupDigits, LIMITS } from './limits.ts';
import { presetSpec, PRESET_NAMES } from './presets.ts';
import { validateSpec } from './validate.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mnist-lab-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const dense = (units: number, activation = 'relu') => ({ class_name: 'Dense', config: { units, activation } });
const compile = { optimizer: 'rmsprop' };

/** Each too-large spec with the message that must refuse it (the first one reported). */
const CASES = [
  {
    what: 'Dense(1 000 000)',
    spec: { layers: [dense(1_000_000), dense(10, 'softmax')], compile },
    message: "layer 1 (Dense) would have 785 000 000 parameters; the lab's limit is 50 000 000",
  },
  {
    what: 'Conv2D with 100 000 filters',
    spec: {
      layers: [{ class_name: 'Conv2D', config: { filters: 100_000, kernel_size: 3, activation: 'relu' } }, { class_name: 'GlobalAveragePooling2D' }, dense(10, 'softmax')],
      compile,
    },
    message: "layer 1 (Conv2D) has 100 000 filters; the lab's limit is 1 024 per layer",
  },
  {
    what: 'three Dense(100 000)',
    spec: { layers: [dense(100_000), dense(100_000), dense(100_000), dense(10, 'softmax')], compile },
    message: "layer 1 (Dense) would have 78 500 000 parameters; the lab's limit is 50 000 000",
  },
  {
    what: 'batch size 10⁹',
    spec: { ...presetSpec('chollet-ch2'), fit: { ...presetSpec('chollet-ch2').fit, batch_size: 1e9 } },
    message: "fit: batch_size 1 000 000 000 is above the lab's limit of 4 096",
  },
] as const;

describe('model-size limits in the validator', () => {
  it('let every preset through at its batch size and at the largest batch allowed', () => {
    for (const name of PRESET_NAMES) {
      const spec = presetSpec(name);
      expect(validateSpec(spec).errors, name).toEqual([]);
      expect(validateSpec({ ...spec, fit: { ...spec.fit, batch_size: LIMITS.batchSize } }).errors, name).toEqual([]);
    }
  });

  it.each(CASES)('refuse $what, naming the limit and the layer', ({ spec, message }) => {
    const report = validateSpec(spec);
    expect(report.ok).toBe(false);
    expect(report.errors[0]!.message).toBe(message);
  });

  it('report every limit a model breaks, on the layers that break it', () => {
    const report = validateSpec(CASES[2].spec);
    expect(report.errors.map((e) => [e.path, e.message])).toEqual([
      ['layers[0]', "layer 1 (Dense) would have 78 500 000 parameters; the lab's limit is 50 000 000"],
      ['layers[1]', "layer 2 (Dense) would have 10 000 100 000 parameters; the lab's limit is 50 000 000"],
      ['layers[2]', "layer 3 (Dense) would have 10 000 100 000 parameters; the lab's limit is 50 000 000"],
      ['layers[0].config.units', "layer 1 (Dense) has 100 000 units; the lab's limit is 16 384 per layer"],
      ['layers[1].config.units', "layer 2 (Dense) has 100 000 units; the lab's limit is 16 384 per layer"],
      ['layers[2].config.units', "layer 3 (Dense) has 100 000 units; the lab's limit is 16 384 per layer"],
    ]);
    expect(report.layers[3]!.error).toBeNull();
  });

  it('name the biggest layer when only the total is over', () => {
    // 784·6000 + 6000 + 6000·6000 + 6000 + 6000·2000 + 2000 + 2000·10 + 10
    const report = validateSpec({ layers: [dense(6000), dense(6000), dense(2000), dense(10, 'softmax')], compile });
    expect(report.errors.map((e) => e.message)).toEqual([
      "the model would have 52 738 010 parameters, 36 006 000 of them in layer 2 (Dense); the lab's limit is 50 000 000",
    ]);
  });

  it('cap the layer outputs of one batch', () => {
    const wide = { class_name: 'Conv2D', config: { filters: 1024, kernel_size: 3, padding: 'same', activation: 'relu' } };
    const spec = { layers: [wide, { class_name: 'GlobalAveragePooling2D' }, dense(10, 'softmax')], compile, fit: { batch_size: 512 } };
    // 28 × 28 × 1024 floats per image × 512 images × 4 bytes
    expect(validateSpec(spec).errors.map((e) => e.message)).toEqual([
      "the layer outputs of one batch of 512 would take 1.65 GB, 1.64 GB of it in layer 1 (Conv2D); the lab's limit is 1 GB (use a smaller batch_size or fewer filters)",
    ]);
    expect(validateSpec({ ...spec, fit: { batch_size: 256 } }).errors).toEqual([]);
  });

  it('show in the editor on the layer row and under the training options', () => {
    const design = designFromSpec(presetSpec('chollet-ch2'));
    design.layers[0]!.config.units = 1_000_000;
    design.fit.batch_size = 1e9;
    const report = validateSpec(designToSpecInput(design));
    expect(report.layers[0]!.error).toContain("layer 1 (Dense) would have 785 000 000 parameters; the lab's limit is 50 000 000");
    expect(report.layers[0]!.error).toContain("layer 1 (Dense) has 1 000 000 units; the lab's limit is 16 384 per layer");
    expect(report.errors.find((e) => e.path === 'fit.batch_size')?.message).toBe("fit: batch_size 1 000 000 000 is above the lab's limit of 4 096");
  });

  it('format numbers as the messages show them', () => {
    expect([groupDigits(785_000_000), groupDigits(4096), groupDigits(12)]).toEqual(['785 000 000', '4 096', '12']);
    expect([formatBytes(1e9), formatBytes(1_645_000_000), formatBytes(25_000_000), formatBytes(4000)]).toEqual(['1 GB', '1.65 GB', '25 MB', '4 kB']);
  });
});

describe('model-size limits in every host', () => {
  const settings = { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: '0.1.0' };

  it.each(CASES)('runs.create (API contract and runs service) refuses $what', ({ spec, message }) => {
    const parsed = runCalls['runs.create'].args.safeParse({ spec, settings });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message)).toContain(`${validateSpec(spec).errors[0]!.path}: ${message}`);
    const runs = createRunsService({ dataDir: mkdtempSync(join(scratch, 'runs-')) });
    expect(() => runs.create({ spec: spec as never, settings: settings as never })).toThrow(`The model spec is not valid: ${message}`);
    expect(runs.list().runs).toEqual([]);
  });

  it.each(CASES)('the CLI refuses $what before training', async ({ what, spec, message }) => {
    const file = join(scratch, `${what.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(spec));
    const err: string[] = [];
    const code = await runTrain(['train', '--spec', file], { out: () => undefined, err: (s: string) => err.push(s), isTTY: false }, { dataDir: join(scratch, 'no-dataset') });
    expect(code).not.toBe(0);
    expect(err.join('')).toContain(message);
  });

  it.each(CASES)('the worker’s training session refuses $what', async ({ spec, message }) => {
    const events: string[] = [];
    const session = new TrainingSession('unused-in-node', (e) => events.push(e.type), () => undefined, () => undefined);
    session.setDataset('mnist', loadMnist('train', 64), loadMnist('test', 16));
    await expect(session.train(spec, 'cpu')).rejects.toThrow(message);
    expect(events).toEqual([]);
  });
});
