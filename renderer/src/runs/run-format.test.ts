import { describe, expect, it } from 'vitest';
import { failureText, formatAccuracy, formatParams, formatRunDate, formatSeconds, formatStored, statusText } from './run-format.ts';

describe('run formatting', () => {
  it('says why a failed run failed, and nothing for the others', () => {
    expect(failureText({ status: 'failed', error: 'the loss became NaN at epoch 1, batch 3 ' })).toBe('the loss became NaN at epoch 1, batch 3');
    expect(failureText({ status: 'failed', error: null })).toBeNull();
    expect(failureText({ status: 'failed', error: '  ' })).toBeNull();
    expect(failureText({ status: 'finished', error: 'stale message' })).toBeNull();
  });

  it('says how far an interrupted or stopped run got', () => {
    expect(statusText({ status: 'interrupted', epochsDone: 3 })).toBe('Interrupted after epoch 3');
    expect(statusText({ status: 'interrupted', epochsDone: 0 })).toBe('Interrupted before epoch 1');
    expect(statusText({ status: 'stopped', epochsDone: 2 })).toBe('Stopped after epoch 2');
    expect(statusText({ status: 'finished', epochsDone: 5 })).toBe('Finished');
  });

  it('formats metrics', () => {
    expect(formatAccuracy(0.97812)).toBe('97.81 %');
    expect(formatAccuracy(null)).toBe('—');
    expect(formatParams(407050)).toBe('407\u202f050');
    expect(formatSeconds(4.26)).toBe('4.3 s');
    expect(formatSeconds(47.6)).toBe('48 s');
    expect(formatSeconds(125)).toBe('2:05');
    expect(formatRunDate('not a date')).toBe('not a date');
    expect(formatRunDate('2026-11-29T12:58:03.000Z', 'en-GB', new Date('2027-01-02T00:00:00Z'))).toMatch(/29 Nov 2026/);
    expect(formatRunDate('2026-11-29T12:58:03.000Z', 'en-GB', new Date('2026-12-01T00:00:00Z'))).not.toMatch(/2026/);
  });

  it('states a run’s weights on disk and the epochs kept', () => {
    expect(formatStored({ storedBytes: 3 * 1_628_300, epochsKept: [1, 2, 3] })).toBe('4.7 MB · 3 epochs');
    expect(formatStored({ storedBytes: 40 * 1024 * 1024, epochsKept: [5] })).toBe('40 MB · 1 epoch');
    expect(formatStored({ storedBytes: 30_000, epochsKept: [1] })).toBe('29 kB · 1 epoch');
    expect(formatStored({ storedBytes: 0, epochsKept: [] })).toBe('–');
  });
});
