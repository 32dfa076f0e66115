/**
 * Every definition builds valid specs whose variants differ only in what the experiment varies,
 * and every finding is computed from the numbers it is given (both directions).
 */
import { describe, expect, it } from 'vitest';
import { validateSpec } from '../spec/validate.ts';
import { estimateExperimentSeconds, EXPERIMENTS, experimentSpecs, findExperiment, variantSpec } from './index.ts';
import type { ExperimentDefinition, VariantResult } from './types.ts';

/** Paths (a.b[2].c) where two JSON values differ. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b) ? [] : [path];
  if (Array.isArray(a) !== Array.isArray(b)) return [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) =>
    differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k),
  );
}

const withoutName = (spec: object) => ({ ...spec, name: undefined });

function result(experiment: ExperimentDefinition, index: number, numbers: Partial<VariantResult> & { accuracy?: number }): VariantResult {
  const variant = experiment.variants[index]!;
  const { accuracy, ...rest } = numbers;
  return {
    id: variant.id,
    label: variant.label,
    status: 'finished',
    error: null,
    epochs: [{ epoch: 1, loss: 0.5, accuracy: accuracy ?? 0.9, val_loss: 0.5, val_accuracy: accuracy ?? 0.9, seconds: 2 }],
    test: accuracy === undefined ? null : { accuracy, loss: 1 - accuracy },
    seconds: 2,
    trainCount: 5000,
    batchesPerEpoch: 40,
    handwriting: null,
    batches: [],
    failedAtBatch: null,
    ...rest,
  };
}

describe('experiment definitions', () => {
  it('has unique names that tag runs, and 2–4 variants each with unique ids', () => {
    expect(new Set(EXPERIMENTS.map((e) => e.name)).size).toBe(EXPERIMENTS.length);
    for (const e of EXPERIMENTS) {
      expect(e.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(e.variants.length).toBeGreaterThanOrEqual(2);
      expect(e.variants.length).toBeLessThanOrEqual(4);
      expect(new Set(e.variants.map((v) => v.id)).size).toBe(e.variants.length);
      const sentences = e.answer.split(/(?<=[.!?])\s+(?=[A-Z“'])/).length;
      expect(sentences, `${e.name}'s answer`).toBeGreaterThanOrEqual(2);
      expect(sentences, `${e.name}'s answer`).toBeLessThanOrEqual(4);
      expect(findExperiment(e.name)).toBe(e);
    }
  });

  for (const e of EXPERIMENTS) {
    it(`${e.name}: valid specs that differ only in ${e.varies}`, () => {
      const specs = experimentSpecs(e);
      for (const spec of specs) {
        const report = validateSpec(spec);
        expect(report.errors).toEqual([]);
        // the spec name doubles as the run's preset field
        expect(spec.name).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
      }
      for (let i = 1; i < specs.length; i++) {
        const diff = differences(withoutName(specs[0]!), withoutName(specs[i]!));
        expect(diff.length, `${e.variants[i]!.id} differs from ${e.variants[0]!.id}`).toBeGreaterThan(0);
        for (const path of diff) expect(path.startsWith(e.varies), `${path} is outside ${e.varies}`).toBe(true);
      }
    });

    it(`${e.name}: fits in 60 s here, and "bigger" trains on all 60 000 images`, () => {
      expect(estimateExperimentSeconds(e)).toBeLessThanOrEqual(60);
      const bigger = e.variants.map((v) => variantSpec(e, v, { full: true }).fit.subset);
      if (e.varies === 'fit.subset') {
        expect(bigger).toContain(null);
        expect(new Set(bigger).size).toBe(bigger.length);
      } else for (const subset of bigger) expect(subset).toBeNull();
      expect(estimateExperimentSeconds(e, true)).toBeGreaterThan(estimateExperimentSeconds(e));
    });

    it(`${e.name}: the finding quotes the numbers and reports failed and missing variants`, () => {
      const results = e.variants.map((_, i) => result(e, i, { accuracy: 0.8 + i * 0.05 }));
      const text = e.finding(results);
      for (const r of results) expect(text).toContain(r.label);
      expect(text).toContain('80.0 %');
      const broken = e.variants.map((_, i) =>
        i === 0 ? { ...result(e, 0, {}), status: 'failed' as const, error: 'the loss became NaN', test: null } : { ...result(e, i, {}), status: 'missing' as const, epochs: [], test: null },
      );
      const brokenText = e.finding(broken);
      expect(brokenText).toContain('failed: the loss became NaN');
      expect(brokenText).toMatch(/Not run: /);
    });
  }
});

describe('findings follow the numbers, both ways', () => {
  const scale = findExperiment('why-scale')!;
  it('why scale: scaled far ahead, raw ahead, or raw diverged', () => {
    const ahead = scale.finding([result(scale, 0, { accuracy: 0.948 }), result(scale, 1, { accuracy: 0.114 }), result(scale, 2, { accuracy: 0.95 })]);
    expect(ahead).toContain('scaled 0–1: 94.8 %');
    expect(ahead).toContain('raw 0–255: 11.4 %');
    expect(ahead).toMatch(/Scaling won by 83\.4 points/);
    const reversed = scale.finding([result(scale, 0, { accuracy: 0.5 }), result(scale, 1, { accuracy: 0.9 }), result(scale, 2, { accuracy: 0.95 })]);
    expect(reversed).toMatch(/Unexpectedly, raw pixels did better, by 40\.0 points/);
    expect(reversed).not.toMatch(/Scaling won/);
    const diverged = scale.finding([
      result(scale, 0, { accuracy: 0.9 }),
      { ...result(scale, 1, {}), status: 'failed', error: 'Training stopped at epoch 1, batch 3: the loss became NaN.' },
      result(scale, 2, { accuracy: 0.9 }),
    ]);
    expect(diverged).toMatch(/raw 0–255: failed: Training stopped/);
    expect(diverged).toMatch(/could not train on unscaled pixels/);
  });

  it('batch size: names the fastest per epoch from the times, whichever it is', () => {
    const b = findExperiment('batch-size')!;
    const timed = (i: number, seconds: number, accuracy: number) =>
      result(b, i, { accuracy, epochs: [1, 2, 3].map((epoch) => ({ epoch, loss: 0.3, accuracy, val_loss: 0.3, val_accuracy: accuracy - 0.01 * (3 - epoch), seconds })) });
    const usual = b.finding([timed(0, 6, 0.93), timed(1, 2, 0.92), timed(2, 1.5, 0.85)]);
    expect(usual).toMatch(/Fastest per epoch: batch 1024 \(1\.5 s per epoch/);
    expect(usual).toMatch(/slowest: batch 16 \(6\.0 s/);
    expect(usual).toMatch(/After the same 4\.5 s of training/);
    expect(usual).toMatch(/batch 16 had not finished an epoch/);
    const odd = b.finding([timed(0, 1, 0.93), timed(1, 2, 0.92), timed(2, 3, 0.85)]);
    expect(odd).toMatch(/Fastest per epoch: batch 16 \(1\.0 s/);
    expect(odd).toMatch(/batch 16 was ahead/);
  });

  it('epochs: overfitting only when the validation loss turned up', () => {
    const e = findExperiment('epochs')!;
    const curve = (valLosses: number[]) =>
      result(e, 2, { accuracy: 0.85, epochs: valLosses.map((v, i) => ({ epoch: i + 1, loss: 0.5 / (i + 1), accuracy: 0.8 + i * 0.01, val_loss: v, val_accuracy: 0.85, seconds: 0.4 })) });
    const overfit = e.finding([result(e, 0, { accuracy: 0.7 }), result(e, 1, { accuracy: 0.8 }), curve([0.6, 0.4, 0.35, 0.45, 0.6])]);
    expect(overfit).toMatch(/lowest after epoch 3 \(0\.350\) and rose to 0\.600 by epoch 5/);
    const still = e.finding([result(e, 0, { accuracy: 0.7 }), result(e, 1, { accuracy: 0.8 }), curve([0.6, 0.4, 0.35, 0.34, 0.33])]);
    expect(still).toMatch(/no clear overfitting yet/);
  });

  it('activation and loss: the winner is whichever measured better', () => {
    const a = findExperiment('activation')!;
    expect(a.finding([result(a, 0, { accuracy: 0.94 }), result(a, 1, { accuracy: 0.9 })])).toMatch(/relu won by 4\.0 points/);
    expect(a.finding([result(a, 0, { accuracy: 0.88 }), result(a, 1, { accuracy: 0.9 })])).toMatch(/linear network did better, by 2\.0 points/);
    const l = findExperiment('loss')!;
    expect(l.finding([result(l, 0, { accuracy: 0.93 }), result(l, 1, { accuracy: 0.9 })])).toMatch(/Cross-entropy trained better by 3\.0 points/);
    expect(l.finding([result(l, 0, { accuracy: 0.9 }), result(l, 1, { accuracy: 0.93 })])).toMatch(/Mean squared error did better, by 3\.0 points/);
  });
});

describe('generalisation reads the handwriting score when there is one', () => {
  const g = findExperiment('generalisation')!;
  const withSet = (i: number, accuracy: number, handwriting: number | null) =>
    result(g, i, {
      accuracy,
      epochs: [{ epoch: 1, loss: 0.2, accuracy: accuracy + 0.05, val_loss: 0.3, val_accuracy: accuracy, seconds: 1 }],
      handwriting: handwriting === null ? null : { count: 12, accuracy: handwriting },
    });
  it('quotes the handwriting accuracy, and says when it is lower than the test set', () => {
    const text = g.finding([withSet(0, 0.9, 0.5), withSet(1, 0.95, 0.6)]);
    expect(text).toContain('On your own 12 handwritten digits: 2 000 images 50.0 %, 10 000 images 60.0 %.');
    expect(text).toMatch(/harder for it than MNIST’s test digits/);
    expect(g.finding([withSet(0, 0.9, 0.95), withSet(1, 0.95, 1)])).toMatch(/about as well as, or better than/);
  });
  it('asks for a handwriting set when there is none', () => {
    expect(g.finding([withSet(0, 0.9, null), withSet(1, 0.95, null)])).toMatch(/Draw a few digits into “My handwriting”/);
  });
});

describe('learning-rate range test reads the loss curve', () => {
  const lr = findExperiment('learning-rate')!;
  /** loss per batch: flat, falling, lowest at `lowestBatch`, then rising steeply */
  const curve = (lowestBatch: number) =>
    Array.from({ length: 120 }, (_, i) => {
      const batch = i + 1;
      const loss = batch < 20 ? 2.3 : batch <= lowestBatch ? 2.3 - (1.9 * (batch - 20)) / (lowestBatch - 20) : 0.4 + (batch - lowestBatch) * 0.5;
      return { epoch: 1, batch, loss };
    });
  it('names where the loss falls, its lowest point and the blow-up, in learning rates', () => {
    const text = lr.finding([result(lr, 0, { accuracy: 0.3, batches: curve(80) }), result(lr, 1, { accuracy: 0.2, batches: curve(40) })]);
    // sgd: 1e-4 × 1.1^(batch − 1); the loss is first 10 % down at batch 28, lowest at 80
    expect(text).toContain(`sgd from 1e-4: the loss started to fall at a rate of about ${(1e-4 * 1.1 ** 27).toExponential(1)}`);
    expect(text).toContain(`was lowest (0.400) at about ${(1e-4 * 1.1 ** 79).toPrecision(2)}`);
    expect(text).toMatch(/and it blew up at about /);
    expect(text).toMatch(/Adam's best rates sit about \d+× lower than SGD's/);
  });
  it('says when the loss never blew up, and reports the NaN guard', () => {
    const flat = Array.from({ length: 50 }, (_, i) => ({ epoch: 1, batch: i + 1, loss: 2.3 - i * 0.02 }));
    const text = lr.finding([
      result(lr, 0, { accuracy: 0.5, batches: flat }),
      { ...result(lr, 1, {}), status: 'failed', error: 'Training stopped at epoch 1, batch 60: the loss became NaN.', test: null, batches: curve(40).slice(0, 59), failedAtBatch: 60 },
    ]);
    expect(text).toContain('it had not blown up by the end of the run');
    expect(text).toContain(`the NaN guard stopped it at about ${(1e-6 * 1.1 ** 59).toExponential(1)}`);
  });
});
