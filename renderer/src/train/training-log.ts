/**
 * What the Train panel knows about a run, folded from the engine's TrainingEvents. Pure: each
 * event gives a new snapshot (histories are new arrays, so a `$state.raw` holder sees the change).
 */
import type { DoneEvent, EpochEvent, TrainingEvent } from '../../../workers/engine/train/events.ts';
import type { TrainingStatus } from '../lib/training-status.ts';
import { epochPosition, etaSeconds, intervalMean } from './train-math.ts';
import type { Point } from './train-math.ts';


export interface TrainingSnapshot {
  status: TrainingStatus;
  epochs: number;
  batchesPerEpoch: number;
  trainCount: number;
  validationCount: number;
  /** 1-based; 0 before the first batch */
  epoch: number;
  batch: number;
  samplesPerSecond: number | null;
  /** training time before the current running stretch, pauses excluded */
  activeMs: number;
  /** when the current running stretch began (clock of applyEvent's `nowMs`), null while not running */
  runningSince: number | null;
  /** per-report mean loss/accuracy of the batches since the previous report, x in epochs */
  batchLoss: Point[];
  batchAccuracy: Point[];
  /** the last batch report, to turn the next running mean into an interval mean */
  lastBatch: { epoch: number; batch: number; loss: number; accuracy: number } | null;
  epochHistory: EpochEvent[];
  result: DoneEvent | null;
  error: string | null;
}

export function initialSnapshot(): TrainingSnapshot {
  return {
    status: 'idle',
    epochs: 0,
    batchesPerEpoch: 0,
    trainCount: 0,
    validationCount: 0,
    epoch: 0,
    batch: 0,
    samplesPerSecond: null,
    activeMs: 0,
    runningSince: null,
    batchLoss: [],
    batchAccuracy: [],
    lastBatch: null,
    epochHistory: [],
    result: null,
    error: null,
  };
}

function stopClock(s: TrainingSnapshot, nowMs: number): Pick<TrainingSnapshot, 'activeMs' | 'runningSince'> {
  return { activeMs: s.activeMs + (s.runningSince === null ? 0 : nowMs - s.runningSince), runningSince: null };
}

export function applyEvent(s: TrainingSnapshot, event: TrainingEvent, nowMs: number): TrainingSnapshot {
  switch (event.type) {
    case 'start':
      return {
        ...initialSnapshot(),
        status: 'running',
        epochs: event.epochs,
        batchesPerEpoch: event.batchesPerEpoch,
        trainCount: event.trainCount,
        validationCount: event.validationCount,
        epoch: 1,
        runningSince: nowMs,
      };
    case 'batch': {
      const previous = s.lastBatch && s.lastBatch.epoch === event.epoch ? s.lastBatch : null;
      const x = epochPosition(event.epoch, event.batch, event.batchesPerEpoch);
      const loss = intervalMean(previous && { batch: previous.batch, mean: previous.loss }, event.batch, event.loss);
      const accuracy = intervalMean(previous && { batch: previous.batch, mean: previous.accuracy }, event.batch, event.accuracy);
      return {
        ...s,
        epoch: event.epoch,
        batch: event.batch,
        batchesPerEpoch: event.batchesPerEpoch,
        samplesPerSecond: event.samplesPerSecond,
        batchLoss: [...s.batchLoss, { x, y: loss }],
        batchAccuracy: [...s.batchAccuracy, { x, y: Math.min(1, Math.max(0, accuracy)) }],
        lastBatch: { epoch: event.epoch, batch: event.batch, loss: event.loss, accuracy: event.accuracy },
      };
    }
    case 'epoch':
      return {
        ...s,
        epoch: event.epoch,
        batch: s.batchesPerEpoch,
        epochs: event.epochs,
        epochHistory: [...s.epochHistory, event],
      };
    case 'paused':
      return { ...s, ...stopClock(s, nowMs), status: 'paused', epoch: event.epoch, batch: event.batch };
    case 'resumed':
      return { ...s, status: 'running', runningSince: s.runningSince ?? nowMs };
    case 'done':
      return { ...s, ...stopClock(s, nowMs), status: event.status, result: event, epoch: Math.max(s.epoch, event.epochsCompleted) };
    case 'error':
      return { ...s, ...stopClock(s, nowMs), status: 'failed', error: event.message };
  }
}

export function elapsedSeconds(s: TrainingSnapshot, nowMs: number): number {
  return (s.activeMs + (s.runningSince === null ? 0 : nowMs - s.runningSince)) / 1000;
}

export interface Progress {
  doneBatches: number;
  totalBatches: number;
  /** 0–1 */
  fraction: number;
}

export function progressOf(s: TrainingSnapshot): Progress {
  const totalBatches = s.epochs * s.batchesPerEpoch;
  const doneBatches = s.epoch === 0 ? 0 : Math.min(totalBatches, (s.epoch - 1) * s.batchesPerEpoch + s.batch);
  return { doneBatches, totalBatches, fraction: totalBatches > 0 ? doneBatches / totalBatches : 0 };
}

export function remainingSeconds(s: TrainingSnapshot, nowMs: number): number | null {
  if (s.status !== 'running' && s.status !== 'paused') return s.status === 'idle' ? null : 0;
  const { doneBatches, totalBatches } = progressOf(s);
  return etaSeconds(doneBatches, totalBatches, elapsedSeconds(s, nowMs));
}
