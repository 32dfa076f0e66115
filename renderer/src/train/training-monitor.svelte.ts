/**
 * The app-wide record of the current training run: fed every TrainingEvent (`monitor.handle`),
 * read by the Train panel. Lives outside the panel so charts re-draw from it after a panel switch.
 */
import type { BackendInfo } from '../../../workers/engine/backend.ts';
import type { TrainingEvent } from '../../../workers/engine/train/events.ts';
import { applyEvent, initialSnapshot } from './training-log.ts';
import type { TrainingSnapshot } from './training-log.ts';


export class TrainingMonitor {
  /** replaced (never mutated) on each event; its histories are plain arrays */
  snapshot: TrainingSnapshot = $state.raw(initialSnapshot());
  backend = $state<BackendInfo | undefined>();

  handle(event: TrainingEvent, nowMs: number = performance.now()): void {
    this.snapshot = applyEvent(this.snapshot, event, nowMs);
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
