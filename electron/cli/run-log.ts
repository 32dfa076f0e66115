/**
 * Records a command-line training run in the data folder exactly like the app does: the same
 * RunRecorder, bound to the runs service in-process, and the same exact per-epoch checkpoints.
 */
import type * as tf from '@tensorflow/tfjs';
import { encodeSnapshot, snapshotWeights } from '../../workers/checkpoint.ts';
import type { ModelSpec } from '../../workers/engine/spec/schema.ts';
import type { TrainingEvent } from '../../workers/engine/train/events.ts';
import { RunRecorder, type RecorderApi, type RunInit } from '../../workers/run-recorder.ts';
import type { RunSettings } from '../api/contracts/runs.ts';
import { createRunsService } from '../services/runs/index.ts';
import { createUserSettingsService } from '../services/user-settings.ts';

export interface CliRunLog {
  /** call from the training's onEvent; `model` gives the model being trained (not needed before the first epoch) */
  onEvent(event: TrainingEvent, model: () => tf.LayersModel): void;
  /** resolves once every write is done, with the run id */
  settled(): Promise<string>;
}

/** `label`: the run's name and experiment tag (`mnist-lab experiment run`); by default named from the spec. */
export function createCliRunLog(
  dataDir: string,
  spec: ModelSpec,
  settings: Omit<RunSettings, 'trainCount' | 'validationCount'>,
  label: Pick<RunInit, 'name' | 'experiment'> = {},
): CliRunLog {
  const userSettings = createUserSettingsService(dataDir, { onNotice: (message) => process.stderr.write(`mnist-lab: ${message}\n`) });
  const runs = createRunsService({ dataDir, maxEpochWeightBytes: () => userSettings.epochWeightsCapBytes() });
  const api: RecorderApi = {
    create: async (args) => runs.create(args),
    epoch: async ({ id, epoch, batches }) => runs.recordEpoch(id, epoch, batches),
    checkpoint: async ({ id, epoch, bytes }) => runs.checkpoint(id, epoch, bytes),
    finish: async ({ id, ...result }) => runs.finish(id, result),
  };
  let recorder: RunRecorder | undefined;
  // Checkpoints are encoded asynchronously; the run's end waits for them, as in the app's worker.
  // This chain never rejects: a checkpoint that cannot be made is the recorder's error, and the
  // run's end is still recorded after it.
  let checkpoints: Promise<void> = Promise.resolve();

  function checkpoint(model: tf.LayersModel, epoch: number): void {
    const snapshot = snapshotWeights(model); // before the next batch changes the weights
    const target = recorder;
    checkpoints = checkpoints.then(async () => {
      try {
        const encoded = await encodeSnapshot(snapshot);
        target?.checkpoint(epoch, encoded.blob);
      } catch (error) {
        if (target) target.error ??= `the weights of epoch ${epoch} could not be encoded: ${error instanceof Error ? error.message : String(error)}`;
      }
    });
  }

  return {
    onEvent(event, model) {
      if (event.type === 'start') {
        recorder = new RunRecorder(api, {
          spec,
          preset: spec.name ?? null,
          settings: { ...settings, trainCount: event.trainCount, validationCount: event.validationCount },
          ...label,
        });
      }
      if (event.type === 'done' || event.type === 'error') {
        if (event.type === 'done' && event.epochsCompleted > 0) checkpoint(model(), event.epochsCompleted);
        void checkpoints.then(() => recorder?.handle(event));
        return;
      }
      recorder?.handle(event);
      if (event.type === 'epoch') checkpoint(model(), event.epoch);
    },
    async settled() {
      await checkpoints;
      if (!recorder) throw new Error('the run never started');
      const id = await recorder.settled();
      if (recorder.error) throw new Error(`run ${id} was ended in the data folder, but saving part of it failed: ${recorder.error}`);
      return id;
    },
  };
}
