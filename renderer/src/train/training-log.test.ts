import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../workers/engine/train/events.ts';
import { applyEvent, elapsedSeconds, initialSnapshot, progressOf, remainingSeconds } from './training-log.ts';
import type { TrainingSnapshot } from './training-log.ts';

function run(events: [TrainingEvent, number][]): TrainingSnapshot {
  return events.reduce((s, [event, now]) => applyEvent(s, event, now), initialSnapshot());
}

const start: TrainingEvent = { type: 'start', epochs: 2, batchesPerEpoch: 4, trainCount: 500, validationCount: 0 };
const batch = (epoch: number, b: number, loss: number, accuracy: number): TrainingEvent => ({
  type: 'batch', epoch, batch: b, batchesPerEpoch: 4, loss, accuracy, samplesPerSecond: 1000,
});

describe('applyEvent', () => {
  it('turns running means into interval means on an epoch axis', () => {
    const s = run([
      [start, 0],
      [batch(1, 2, 1.5, 0.5), 100],
      [batch(1, 4, 1.0, 0.6), 200],
      [batch(2, 1, 0.4, 0.9), 300],
    ]);
    expect(s.batchLoss).toEqual([
      { x: 0.5, y: 1.5 },
      { x: 1, y: (4 * 1.0 - 2 * 1.5) / 2 },
      { x: 1.25, y: 0.4 },
    ]);
    expect(s.batchAccuracy[1]!.y).toBeCloseTo(0.7, 12);
    expect(progressOf(s)).toEqual({ doneBatches: 5, totalBatches: 8, fraction: 5 / 8 });
  });

  it('excludes pauses from elapsed time and the ETA', () => {
    const s = run([
      [start, 1000],
      [batch(1, 2, 1, 0.5), 2000],
      [{ type: 'paused', epoch: 1, batch: 2 }, 3000],
      [{ type: 'resumed' }, 60_000],
      [batch(1, 4, 1, 0.5), 61_000],
    ]);
    expect(s.status).toBe('running');
    expect(elapsedSeconds(s, 61_000)).toBe(3);
    // 4 of 8 batches in 3 s of training → 3 s left
    expect(remainingSeconds(s, 61_000)).toBeCloseTo(3, 12);
  });

  it('keeps epoch history, the result and errors; a new start clears the last run', () => {
    const epoch: TrainingEvent = { type: 'epoch', epoch: 1, epochs: 2, loss: 0.3, accuracy: 0.91, val_loss: 0.25, val_accuracy: 0.93, seconds: 9 };
    const done: TrainingEvent = {
      type: 'done', status: 'stopped', epochsCompleted: 1, test: null, transform: { mode: 'scale', mean: 0, std: 1 }, seconds: 9,
    };
    let s = run([[start, 0], [batch(1, 4, 0.3, 0.91), 9000], [epoch, 9000], [done, 9500]]);
    expect(s.epochHistory).toEqual([epoch]);
    expect(s.status).toBe('stopped');
    expect(s.result).toEqual(done);
    expect(elapsedSeconds(s, 100_000)).toBe(9.5);
    expect(remainingSeconds(s, 100_000)).toBe(0);
    s = applyEvent(s, { type: 'error', message: 'out of memory', epoch: 2, batch: 1 }, 9600);
    expect(s.status).toBe('failed');
    expect(s.error).toBe('out of memory');
    s = applyEvent(s, start, 20_000);
    expect(s.epochHistory).toEqual([]);
    expect(s.batchLoss).toEqual([]);
    expect(s.error).toBeNull();
    expect(progressOf(s).doneBatches).toBe(0);
  });
});
