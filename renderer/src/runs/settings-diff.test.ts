import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import { alignStack, layerStacksDiff } from './layer-diff.ts';
import { settingsDiff } from './settings-diff.ts';
import { sampleRun } from './test-records.ts';

const a = '2026-11-29T10-00-00-aaaa';
const b = '2026-11-29T11-00-00-bbbb';
const c = '2026-11-29T12-00-00-cccc';

describe('settingsDiff', () => {
  it('shows only what differs, and says so in one line', () => {
    const runs = [32, 128, 512].map((batch, i) => sampleRun({ id: [a, b, c][i]!, edit: (s) => (s.fit.batch_size = batch) }));
    const diff = settingsDiff(runs);
    expect(diff.rows.map((r) => r.key)).toEqual(['batch_size']);
    expect(diff.rows[0]!.values).toEqual(['32', '128', '512']);
    expect(diff.rows[0]!.differs).toEqual([false, true, true]);
    expect(diff.layers).toBeNull();
    expect(diff.headline).toBe('Only the batch size differs: 32 · 128 · 512.');
    expect(diff.same.map((s) => s.label)).toContain('Learning rate');
  });

  it('lists several differences and the layer stacks side by side', () => {
    const base = sampleRun({ id: a });
    const other = sampleRun({
      id: b,
      params: 203530,
      edit: (s) => {
        s.compile.optimizer = { name: 'adam', learning_rate: 0.0005, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 };
        s.layers = [
          { class_name: 'Dense', config: { units: 256, activation: 'relu', use_bias: true } },
          { class_name: 'Dropout', config: { rate: 0.5 } },
          { class_name: 'Dense', config: { units: 10, activation: 'softmax', use_bias: true } },
        ];
      },
    });
    const diff = settingsDiff([base, other]);
    expect(diff.rows.map((r) => r.label)).toEqual(['Optimizer', 'Learning rate', 'Optimizer options', 'Parameters']);
    expect(diff.rows[1]!.values).toEqual(['0.001', '0.0005']);
    expect(diff.layers![1]).toEqual([
      { text: 'Dense 256 relu', status: 'changed', was: 'Dense 512 relu' },
      { text: 'Dropout 0.5', status: 'added' },
      { text: 'Dense 10 softmax', status: 'same' },
    ]);
    expect(diff.headline).toBe('3 things differ: layers, optimizer and learning rate. Change one at a time to see what each one does.');
  });

  it('says when nothing but noise can differ', () => {
    expect(settingsDiff([sampleRun({ id: a }), sampleRun({ id: b })]).headline).toMatch(/share every setting/);
    const seeds = settingsDiff([sampleRun({ id: a }), sampleRun({ id: b, edit: (s) => (s.fit.seed = 7) })]);
    expect(seeds.headline).toBe('Only the random seed differs: 42 · 7.');
  });
});

describe('layer stacks', () => {
  it('aligns an inserted, a removed and a changed layer', () => {
    expect(alignStack(['Conv2D 32', 'MaxPool 2×2', 'Flatten', 'Dense 10'], ['Conv2D 64', 'Flatten', 'Dropout 0.5', 'Dense 10'])).toEqual([
      { text: 'Conv2D 64', status: 'changed', was: 'Conv2D 32' },
      { text: 'MaxPool 2×2', status: 'removed' },
      { text: 'Flatten', status: 'same' },
      { text: 'Dropout 0.5', status: 'added' },
      { text: 'Dense 10', status: 'same' },
    ]);
  });

  it('is null when every stack matches', () => {
    const layers = presetSpec('lenet5').layers.map((l) => l.class_name as string);
    expect(layerStacksDiff([layers, [...layers]])).toBeNull();
  });
});
