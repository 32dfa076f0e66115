import { describe, expect, it } from 'vitest';
import {
  decimationSamples,
  emaSmooth,
  epochPosition,
  etaSeconds,
  formatDuration,
  formatPercent,
  nextUpdateDelay,
} from './train-math.ts';

const pts = (ys: number[]) => ys.map((y, x) => ({ x, y }));

describe('emaSmooth', () => {
  it('returns the input with alpha 0 and a constant for a constant series', () => {
    expect(emaSmooth(pts([3, 1, 2]), 0).map((p) => p.y)).toEqual([3, 1, 2]);
    for (const p of emaSmooth(pts([5, 5, 5, 5]), 0.9)) expect(p.y).toBeCloseTo(5, 12);
  });

  it('is debiased at the start and lags a step by the expected amount', () => {
    const s = emaSmooth(pts([0, 0, 10]), 0.5);
    expect(s[0]!.y).toBe(0);
    // raw EMA 0, 0, 5; divided by 1 − 0.5³ = 0.875
    expect(s[2]!.y).toBeCloseTo(5 / 0.875, 12);
    expect(s.map((p) => p.x)).toEqual([0, 1, 2]);
  });

  it('reduces the variance of noise', () => {
    let seed = 1;
    const noise = Array.from({ length: 2000 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5);
    const variance = (ys: number[]) => {
      const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
      return ys.reduce((a, b) => a + (b - mean) ** 2, 0) / ys.length;
    };
    const smoothed = emaSmooth(pts(noise), 0.9).slice(100).map((p) => p.y);
    expect(variance(smoothed)).toBeLessThan(variance(noise) / 5);
  });

  it('refuses a smoothing outside [0, 1)', () => {
    expect(() => emaSmooth([], 1)).toThrow(/smoothing must be in \[0, 1\)/);
  });
});

describe('pace and formatting', () => {
  it('places batches on an epoch axis', () => {
    expect(epochPosition(1, 469, 469)).toBe(1);
    expect(epochPosition(2, 1, 4)).toBe(1.25);
  });

  it('extrapolates the average pace', () => {
    expect(etaSeconds(0, 938, 0)).toBeNull();
    expect(etaSeconds(469, 938, 50)).toBeCloseTo(50, 12);
    expect(etaSeconds(100, 400, 10)).toBeCloseTo(30, 12);
    expect(etaSeconds(400, 400, 10)).toBe(0);
  });

  it('formats durations, percentages and throttles', () => {
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('—');
    expect(formatPercent(0.97812)).toBe('97.81 %');
    expect(formatPercent(null)).toBe('—');
    expect(decimationSamples(640)).toBe(640);
    expect(decimationSamples(10)).toBe(100);
    expect(nextUpdateDelay(1000, 1050)).toBe(150);
    expect(nextUpdateDelay(1000, 1300)).toBe(0);
  });
});
