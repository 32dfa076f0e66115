/**
 * The app-wide record of the current training run: fed every TrainingEvent (`monitor.handle`),
 * read by the Train panel. Lives outside the panel so charts re-draw from it after a panel switch.
 */
import type { TrainingEvent } from '../../../workers/engine/train/events.ts';
import { applyEvent, initialSnapshot } from './training-log.ts';
import type { TrainingSnapshot } from './training-log.ts';

/** What the panel shows about the engine (the worker's BackendReport fits). */
export interface TrainingBackend {
  backend: string;
  threads: number;
  simd?: boolean;
}

export class TrainingMonitor {
  /** replaced (never mutated) on each event; its histories are plain arrays */
  snapshot: TrainingSnapshot = $state.raw(initialSnapshot());
  backend = $state<TrainingBackend | undefined>();

  handle(event: TrainingEvent, nowMs: number = performance.now()): void {
    this.snapshot = applyEvent(this.snapshot, event, nowMs);
  }

  /** Train was pressed: the last run's curves and "Finished" give way to the coming run at once. */
  starting(): void {
    this.snapshot = { ...initialSnapshot(), status: 'running' };
  }

  reset(): void {
    this.snapshot = initialSnapshot();
  }

  get status(): TrainingSnapshot['status'] {
    return this.snapshot.status;
  }

  get active(): boolean {
    return this.snapshot.status === 'running' || this.snapshot.status === 'paused';
  }
}
