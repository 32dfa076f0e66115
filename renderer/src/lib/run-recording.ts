/**
 * Keeps every training run: feeds the run's events and per-epoch weights to a RunRecorder bound to
 * the lab API (runs.create / epoch / checkpoint / finish).
 */
import { threadsOf, type BackendInfo } from '../../../workers/protocol.ts';
import { RunRecorder, type RecorderApi, type RunInit } from '../../../workers/run-recorder.ts';
import type { ModelSpec } from '../../../workers/engine/spec/schema.ts';
import type { LabClient } from './lab-client.ts';
import type { TrainingState } from './training.svelte.ts';

export interface RecordingContext {
  dataset(): string;
  appVersion(): string;
  backend(): BackendInfo | undefined;
  /** a run's record changed on disk (for the Runs panel) */
  onSettled(id: string): void;
  /** a name and experiment tag for the run that is starting (the Experiments panel's runs) */
  label?(spec: ModelSpec): Pick<RunInit, 'name' | 'experiment'> | undefined;
}

export function recordTrainingRuns(training: TrainingState, lab: LabClient, context: RecordingContext): void {
  const api: RecorderApi = {
    create: (args) => lab.call('runs.create', args),
    epoch: (args) => lab.call('runs.epoch', args),
    checkpoint: (args) => lab.call('runs.checkpoint', args),
    finish: (args) => lab.call('runs.finish', args),
  };
  let recorder: RunRecorder | undefined;
  training.listen({
    onEvent(event, spec) {
      if (event.type === 'start' && spec) {
        const backend = context.backend();
        recorder = new RunRecorder(api, {
          spec,
          preset: spec.name ?? null,
          settings: {
            dataset: context.dataset(),
            backend: backend?.backend ?? 'unknown',
            threads: backend != null ? threadsOf(backend) : null,
            appVersion: context.appVersion(),
            trainCount: event.trainCount,
            validationCount: event.validationCount,
          },
          ...context.label?.(spec),
        });
      }
      recorder?.handle(event);
      if ((event.type === 'done' || event.type === 'error') && recorder) {
        void recorder.settled().then(context.onSettled, () => undefined);
      }
    },
    onCheckpoint(epoch, _final, model) {
      // The worker built the blob; the UI thread only forwards its bytes.
      recorder?.checkpoint(epoch, model.blob);
    },
  });
}
