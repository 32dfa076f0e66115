import { describe, expect, it } from 'vitest';
import { accuracyDelta, accuracySeries, batchLossSeries, bestIds, metricsRows, verdict } from './compare-logic.ts';
import { sampleRun } from './test-records.ts';

const a = '2026-11-29T10-00-00-aaaa';
const b = '2026-11-29T11-00-00-bbbb';

describe('compare logic', () => {
  it('marks the best value per column, higher or lower as the metric wants', () => {
    const runs = [
      sampleRun({ id: a, name: 'A', finalAccuracy: 0.978, secondsPerEpoch: 10 }),
      sampleRun({ id: b, name: 'B', finalAccuracy: 0.981, secondsPerEpoch: 30 }),
    ];
    const best = bestIds(metricsRows(runs));
    expect([...best.testAccuracy]).toEqual([b]);
    expect([...best.testLoss]).toEqual([b]);
    expect([...best.seconds]).toEqual([a]);
    expect(best.epochs.size).toBe(0);
    expect(verdict(metricsRows(runs))).toBe('B has the best test accuracy, 0.30 points above A, but took 3.0× as long.');
  });

  it('gives no best to a column where every run ties or only one has a value', () => {
    const runs = [sampleRun({ id: a }), sampleRun({ id: b, status: 'interrupted', epochsDone: 2 })];
    const best = bestIds(metricsRows(runs));
    expect(best.testAccuracy.size).toBe(0);
    expect(verdict(metricsRows(runs))).toBeNull();
  });

  it('measures accuracy differences in percentage points', () => {
    expect(accuracyDelta(0.981, 0.978)).toBe('+0.30 pt');
    expect(accuracyDelta(0.97, 0.978)).toBe('−0.80 pt');
    expect(accuracyDelta(null, 0.9)).toBeNull();
  });

  it('falls back to train accuracy when no run has validation, and lines batch losses up in epochs', () => {
    const small = sampleRun({ id: a, edit: (s) => (s.fit.batch_size = 32) });
    const large = sampleRun({ id: b, edit: (s) => (s.fit.batch_size = 512) });
    expect(accuracySeries([small, large]).metric).toBe('acc');
    expect(accuracySeries([small, sampleRun({ id: b, validation: true })]).metric).toBe('val_acc');
    const [s, l] = batchLossSeries([small, large], 0.6);
    expect(s!.points.at(-1)!.x).toBeCloseTo(5, 1);
    expect(l!.points.at(-1)!.x).toBeCloseTo(5, 1);
    expect(s!.points[0]!.x).toBeLessThan(0.01);
  });
});
