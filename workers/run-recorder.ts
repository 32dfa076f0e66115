/**
 * Keeps one training run on disk while it trains: turns the engine's TrainingEvents into runs.*
 * calls, in order (each call waits for the one before), with the batch points since the last epoch
 * as the engine reported them (means over the examples between two reports). Shared by the renderer (RecorderApi = the lab client) and the CLI
 * (RecorderApi = the runs service in-process).
 */
import type { ExperimentTag } from './engine/experiments/types.ts';
import type { PixelTransform } from './engine/data.ts';
import type { ModelSpec } from './engine/spec/schema.ts';
import type { TrainingEvent } from './engine/train/events.ts';
import type { BatchPoint, FinishStatus, RunSettings, RunSummary, TestMetrics } from '../electron/api/contracts/runs.ts';

/** What a run is created with. */
export interface RunInit {
  spec: ModelSpec;
  settings: RunSettings;
  preset?: string | null;
  name?: string;
  experiment?: ExperimentTag | null;
}

export interface RecorderApi {
  create(args: RunInit): Promise<RunSummary>;
  epoch(args: {
    id: string;
    epoch: { epoch: number; loss: number; acc: number; val_loss: number | null; val_acc: number | null; seconds: number };
    batches: BatchPoint[];
  }): Promise<unknown>;
  checkpoint(args: { id: string; epoch: number; bytes: Uint8Array }): Promise<unknown>;
  finish(args: {
    id: string;
    status: FinishStatus;
    batches: BatchPoint[];
    test: TestMetrics | null;
    confusion: number[][] | null;
    transform: PixelTransform | null;
    seconds: number | null;
    error: string | null;
  }): Promise<RunSummary>;
}

/** Enough for a smooth curve; the service thins a run to 2 000 points in all. */
const MAX_POINTS_PER_EPOCH = 1000;

export class RunRecorder {
  private id: Promise<string>;
  private chain: Promise<unknown> = Promise.resolve();
  private pending: BatchPoint[] = [];
  /**
   * the first failed call's message; later epochs and checkpoints are skipped so training never
   * waits on a broken disk, but the run's end is always sent (with this message), so a run whose
   * last checkpoint could not be written still ends on disk instead of staying "running"
   */
  error: string | null = null;

  constructor(
    private readonly api: RecorderApi,
    init: RunInit,
  ) {
    this.id = api.create(init).then((run) => run.id);
    this.chain = this.id.catch((e: unknown) => this.fail(e));
  }

  /** Feed every TrainingEvent of the run here. */
  handle(event: TrainingEvent): void {
    switch (event.type) {
      case 'batch': {
        const point = { epoch: event.epoch, batch: event.batch, loss: event.loss, acc: event.accuracy };
        if (Number.isFinite(point.loss)) this.pending.push(point);
        if (this.pending.length > MAX_POINTS_PER_EPOCH) this.pending = this.pending.filter((_, i) => i % 2 === 0);
        return;
      }
      case 'epoch': {
        const batches = this.takePending();
        const epoch = { epoch: event.epoch, loss: event.loss, acc: event.accuracy, val_loss: event.val_loss, val_acc: event.val_accuracy, seconds: event.seconds };
        this.enqueue((id) => this.api.epoch({ id, epoch, batches }));
        return;
      }
      case 'done': {
        const batches = this.takePending();
        const test = event.test && { count: event.test.count, loss: event.test.loss, accuracy: event.test.accuracy, precision: event.test.precision, recall: event.test.recall };
        this.enqueueEnd((id, failure) =>
          this.api.finish({
            id,
            status: event.status,
            batches,
            test,
            confusion: event.test?.confusion ?? null,
            transform: event.transform,
            seconds: event.seconds,
            error: failure && `Training ended, but saving the run failed: ${failure}`,
          }),
        );
        return;
      }
      case 'error': {
        const batches = this.takePending();
        this.enqueueEnd((id, failure) =>
          this.api.finish({ id, status: 'failed', batches, test: null, confusion: null, transform: null, seconds: null, error: failure ? `${event.message} (and saving the run failed: ${failure})` : event.message }),
        );
        return;
      }
      default:
        return;
    }
  }

  /** The model after a completed epoch, as a model blob (see model-blob.ts). */
  checkpoint(epoch: number, bytes: Uint8Array): void {
    this.enqueue((id) => this.api.checkpoint({ id, epoch, bytes }));
  }

  /** Resolves with the run id once every call so far is done (rejects if creating the run failed). */
  async settled(): Promise<string> {
    await this.chain;
    return await this.id;
  }

  private takePending(): BatchPoint[] {
    const points = this.pending;
    this.pending = [];
    return points;
  }

  private enqueue(step: (id: string) => Promise<unknown>): void {
    this.chain = this.chain.then(async () => {
      if (this.error !== null) return;
      try {
        await step(await this.id);
      } catch (e) {
        this.fail(e);
      }
    });
  }

  /** The run's end: sent even after a failed call, unless the run was never created. */
  private enqueueEnd(step: (id: string, failure: string | null) => Promise<unknown>): void {
    this.chain = this.chain.then(async () => {
      let id: string;
      try {
        id = await this.id;
      } catch {
        return; // creating the run failed: there is nothing on disk to end
      }
      try {
        await step(id, this.error);
      } catch (e) {
        this.fail(e);
      }
    });
  }

  private fail(e: unknown): void {
    this.error ??= e instanceof Error ? e.message : String(e);
  }
}
