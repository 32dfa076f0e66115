/**
 * Records a command-line training run in the data folder exactly like the app does: the run's
 * settings, per-epoch metrics and weights (checkpoint each epoch), batch curve, test results.
 */
import type * as tf from '@tensorflow/tfjs';
import { encodeSnapshot, snapshotWeights } from '../../workers/checkpoint.ts';
import type { ModelSpec } from '../../workers/engine/spec/schema.ts';
import type { TrainingEvent } from '../../workers/engine/train/events.ts';
import { encodeModelBlob, type ModelArtifactsJson } from '../api/contracts/model-blob.ts';
import type { BatchPoint, RunSettings } from '../api/contracts/runs.ts';
import { createRunsService } from '../services/runs/index.ts';

export interface CliRunLog {
  /** call from the training's onEvent; `model` gives the model being trained (not needed before the first epoch) */
  onEvent(event: TrainingEvent, model: () => tf.LayersModel): void;
  /** resolves once every write is done, with the run id */
  settled(): Promise<string>;
}

export function createCliRunLog(dataDir: string, spec: ModelSpec, settings: Omit<RunSettings, 'trainCount' | 'validationCount'>): CliRunLog {
  const runs = createRunsService({ dataDir });
  let id: string | undefined;
  let pending: BatchPoint[] = [];
  let last = { epoch: 0, batch: 0, loss: 0, acc: 0 };
  let writes: Promise<unknown> = Promise.resolve();

  // Batch events carry running means over the epoch; the record keeps means between reports.
  const intervalMean = (mean: number, previousMean: number, batch: number, previousBatch: number) =>
    (mean * batch - previousMean * previousBatch) / (batch - previousBatch);

  function checkpoint(model: tf.LayersModel, epoch: number): void {
    const snapshot = snapshotWeights(model); // before the next batch changes the weights
    const runId = id;
    writes = writes.then(async () => {
      const encoded = await encodeSnapshot(snapshot);
      if (runId) runs.checkpoint(runId, epoch, encodeModelBlob(JSON.parse(encoded.modelJson) as ModelArtifactsJson, encoded.weights));
    });
  }

  return {
    onEvent(event, model) {
      switch (event.type) {
        case 'start':
          id = runs.create({ spec, preset: spec.name ?? null, settings: { ...settings, trainCount: event.trainCount, validationCount: event.validationCount } }).id;
          return;
        case 'batch': {
          const previous = last.epoch === event.epoch ? last : { epoch: event.epoch, batch: 0, loss: 0, acc: 0 };
          const loss = intervalMean(event.loss, previous.loss, event.batch, previous.batch);
          const acc = Math.min(1, Math.max(0, intervalMean(event.accuracy, previous.acc, event.batch, previous.batch)));
          if (Number.isFinite(loss)) pending.push({ epoch: event.epoch, batch: event.batch, loss, acc });
          last = { epoch: event.epoch, batch: event.batch, loss: event.loss, acc: event.accuracy };
          return;
        }
        case 'epoch':
          if (!id) return;
          runs.recordEpoch(id, { epoch: event.epoch, loss: event.loss, acc: event.accuracy, val_loss: event.val_loss, val_acc: event.val_accuracy, seconds: event.seconds }, pending);
          pending = [];
          checkpoint(model(), event.epoch);
          return;
        case 'done': {
          if (!id) return;
          const runId = id;
          if (event.epochsCompleted > 0) checkpoint(model(), event.epochsCompleted);
          const test = event.test && { count: event.test.count, loss: event.test.loss, accuracy: event.test.accuracy, precision: event.test.precision, recall: event.test.recall };
          const batches = pending;
          writes = writes.then(() =>
            runs.finish(runId, { status: event.status, batches, test, confusion: event.test?.confusion ?? null, transform: event.transform, seconds: event.seconds }),
          );
          return;
        }
        case 'error': {
          if (!id) return;
          const runId = id;
          writes = writes.then(() => runs.finish(runId, { status: 'failed', batches: pending, error: event.message }));
          return;
        }
        default:
          return;
      }
    },
    async settled() {
      await writes;
      if (!id) throw new Error('the run never started');
      return id;
    },
  };
}
