/**
 * Time travel through a run's epochs: loads epoch k's kept weights into the worker as the current
 * model, evaluates them on the test set, and refreshes what follows the model (Evaluate's metrics,
 * confusion matrix, first-layer images and mistakes; Draw's prediction and layer views).
 */
import type { RunRecord } from '../../../electron/api/contracts/runs.ts';
import { doneEventOf, loadRunWeights } from '../lib/open-run.ts';
import type { LabClient } from '../lib/lab-client.ts';
import type { TrainingState } from '../lib/training.svelte.ts';
import type { TrainingWorker } from '../lib/training-worker.ts';

export interface EpochTravelParts {
  lab: () => LabClient;
  worker: TrainingWorker;
  training: TrainingState;
}

export class EpochTravel {
  /** the run whose epochs can be visited, once it is known and has more than one kept epoch */
  run = $state.raw<RunRecord | undefined>();
  /** the epoch whose weights are the current model */
  shown = $state<number | undefined>();
  busy = $state(false);
  error = $state<string | undefined>();
  private wanted: number | undefined;

  constructor(private readonly parts: EpochTravelParts) {}

  get epochs(): number[] {
    return this.run?.epochsKept ?? [];
  }

  /** The current model is now this run's last checkpoint (just trained, or opened from Runs). */
  async attach(id: string): Promise<void> {
    this.detach();
    try {
      const record = await this.parts.lab().call('runs.get', { id });
      if (this.run === undefined) {
        this.run = record;
        this.shown = record.weightsEpoch ?? undefined;
      }
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** The current model is something else (a new training, a model file). */
  detach(): void {
    this.run = undefined;
    this.shown = undefined;
    this.wanted = undefined;
    this.error = undefined;
  }

  /** Loads epoch `epoch`'s weights; the latest request wins when several arrive while loading. */
  async show(epoch: number): Promise<void> {
    this.wanted = epoch;
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.run && this.wanted !== undefined && this.wanted !== this.shown) {
        const target = this.wanted;
        await this.load(this.run, target);
        this.shown = target;
      }
      this.error = undefined;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  private async load(run: RunRecord, epoch: number): Promise<void> {
    const { lab, worker, training } = this.parts;
    if (training.active) throw new Error('Stop the training before visiting another epoch');
    await loadRunWeights(lab(), worker, run, epoch);
    const transform = run.transform ?? { mode: run.spec.preprocessing, mean: 0, std: 1 };
    const test = await worker.request('evaluateTest', { loss: run.spec.compile.loss });
    const done = doneEventOf(run);
    const result = done ? { ...done, epochsCompleted: epoch, test } : { type: 'done' as const, status: 'finished' as const, epochsCompleted: epoch, test, transform, seconds: run.seconds };
    await training.opened(`${run.name} · epoch ${epoch}`, run.spec, result);
  }
}
