import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import { specSummary } from './spec-summary.ts';

describe('specSummary', () => {
  it('names each preset so runs tell apart at a glance', () => {
    expect(specSummary(presetSpec('chollet-ch2'))).toBe('Dense 512 → 10 · rmsprop · 5 ep');
    expect(specSummary(presetSpec('convnet-ch8'))).toBe('Conv 32 → 64 → 128 → Dense 10 · rmsprop · 5 ep');
    expect(specSummary(presetSpec('lenet5'))).toBe('Conv 6 → 16 → Dense 120 → 84 → 10 · adam · 5 ep');
  });

  it('shows dropout and batch norm where they sit', () => {
    const spec = presetSpec('chollet-ch2');
    spec.layers.splice(1, 0, { class_name: 'Dropout', config: { rate: 0.5 } }, { class_name: 'BatchNormalization', config: { momentum: 0.99, epsilon: 0.001, center: true, scale: true } });
    spec.compile.optimizer = { name: 'sgd', learning_rate: 0.01, momentum: 0, nesterov: false };
    spec.fit.epochs = 12;
    expect(specSummary(spec)).toBe('Dense 512 → Dropout 0.5 → BN → Dense 10 · sgd · 12 ep');
  });
});
