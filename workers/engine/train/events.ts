/** Events a training run reports through its callback: plain data, ready for postMessage. */
import type { PixelTransform } from '../data.ts';
import type { Evaluation } from '../metrics.ts';

export interface StartEvent {
  type: 'start';
  epochs: number;
  batchesPerEpoch: number;
  trainCount: number;
  validationCount: number;
}

/**
 * Throttled (≤ 10/s by default). loss/accuracy: means over the examples since the previous batch
 * event of this epoch — what the curves plot and the run record stores, as they are. epochLoss/
 * epochAccuracy: means over the epoch so far, as Keras' progress bar shows. Both computed here from
 * the sums, so nothing downstream converts one into the other.
 */
export interface BatchEvent {
  type: 'batch';
  /** 1-based */
  epoch: number;
  /** 1-based, within the epoch */
  batch: number;
  batchesPerEpoch: number;
  loss: number;
  accuracy: number;
  epochLoss: number;
  epochAccuracy: number;
  samplesPerSecond: number;
}

export interface EpochEvent {
  type: 'epoch';
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
  /** null without a validation split */
  val_loss: number | null;
  val_accuracy: number | null;
  /** training time of this epoch, pauses excluded */
  seconds: number;
}

export interface PausedEvent {
  type: 'paused';
  epoch: number;
  batch: number;
}

export interface ResumedEvent {
  type: 'resumed';
}

export interface DoneEvent {
  type: 'done';
  status: 'finished' | 'stopped';
  epochsCompleted: number;
  /** null when no test set was given */
  test: Evaluation | null;
  /** how inputs were preprocessed: needed to predict with this model */
  transform: PixelTransform;
  seconds: number;
}

export interface ErrorEvent {
  type: 'error';
  message: string;
  /** where it happened, when during a batch (1-based) */
  epoch: number | null;
  batch: number | null;
}

export type TrainingEvent = StartEvent | BatchEvent | EpochEvent | PausedEvent | ResumedEvent | DoneEvent | ErrorEvent;
