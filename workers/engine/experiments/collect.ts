/** Turns one variant's TrainingEvents into its VariantResult (the app and the CLI both use it). */
import type { TrainingEvent } from '../train/events.ts';
import type { VariantDefinition, VariantResult } from './types.ts';

export function missingResult(variant: VariantDefinition): VariantResult {
  return { id: variant.id, label: variant.label, status: 'missing', error: null, epochs: [], test: null, seconds: null, trainCount: null, batchesPerEpoch: null, handwriting: null, batches: [], failedAtBatch: null };
}

export class VariantCollector {
  readonly result: VariantResult;
  constructor(variant: VariantDefinition) {
    this.result = { ...missingResult(variant), status: 'stopped' };
  }

  /** true once the run ended (done or error) */
  handle(event: TrainingEvent): boolean {
    const r = this.result;
    switch (event.type) {
      case 'start':
        r.trainCount = event.trainCount;
        r.batchesPerEpoch = event.batchesPerEpoch;
        return false;
      case 'batch':
        // event.loss is already the mean since the previous batch event: what the curves plot.
        if (Number.isFinite(event.loss)) r.batches.push({ epoch: event.epoch, batch: event.batch, loss: event.loss });
        return false;
      case 'epoch':
        r.epochs.push({ epoch: event.epoch, loss: event.loss, accuracy: event.accuracy, val_loss: event.val_loss, val_accuracy: event.val_accuracy, seconds: event.seconds });
        return false;
      case 'done':
        r.status = event.status;
        r.test = event.test && { accuracy: event.test.accuracy, loss: event.test.loss };
        r.seconds = event.seconds;
        return true;
      case 'error':
        r.status = 'failed';
        r.error = event.message;
        r.failedAtBatch = event.batch;
        r.seconds = r.epochs.reduce((sum, e) => sum + e.seconds, 0);
        return true;
      default:
        return false;
    }
  }

  /** The run could not start or the engine went away. */
  fail(message: string): void {
    this.result.status = 'failed';
    this.result.error = message;
  }
}
