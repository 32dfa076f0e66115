/**
 * The CLI's run record when the disk refuses the final checkpoint: the run still ends on disk
 * (not left "running"), with an error naming what failed, and the earlier weights kept. The
 * failure is a real one: a folder sits where the checkpoint file must go, so the rename fails.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../workers/engine/spec/presets.ts';
import type { TrainingEvent } from '../../workers/engine/train/events.ts';
import { createRunsService } from '../services/runs/index.ts';
import { createCliRunLog } from './run-log.ts';

const epochEvent = (epoch: number): TrainingEvent => ({ type: 'epoch', epoch, epochs: 2, loss: 0.5 / epoch, accuracy: 0.8, val_loss: null, val_accuracy: null, seconds: 1 });

describe('CLI run log', () => {
  it('ends the run with a clear error when the final checkpoint cannot be written', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'run-log-'));
    const spec = presetSpec('chollet-ch2');
    spec.fit.epochs = 2;
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 10, inputShape: [784], activation: 'softmax' })] });
    const log = createCliRunLog(dataDir, spec, { dataset: 'mnist', backend: 'cpu', threads: null, appVersion: 'test' });
    const runs = createRunsService({ dataDir });

    log.onEvent({ type: 'start', epochs: 2, batchesPerEpoch: 1, trainCount: 128, validationCount: 0 }, () => model);
    log.onEvent(epochEvent(1), () => model);
    // Wait until epoch 1's weights are on disk, then put a folder where epoch 2's must go.
    for (let i = 0; i < 200 && runs.list().runs[0]?.weightsEpoch !== 1; i++) await new Promise((r) => setTimeout(r, 10));
    const id = runs.list().runs[0]!.id;
    mkdirSync(join(runs.runsDir, id, 'model-e0002.bin'));
    log.onEvent(epochEvent(2), () => model);
    log.onEvent({ type: 'done', status: 'finished', epochsCompleted: 2, test: null, transform: { mode: 'scale', mean: 0, std: 1 }, seconds: 2 }, () => model);

    await expect(log.settled()).rejects.toThrow(new RegExp(`run ${id} was ended in the data folder, but saving part of it failed: .*model-e0002\\.bin`));
    const record = runs.get(id);
    expect(record.status).toBe('finished');
    expect(record.epochsDone).toBe(2);
    expect(record.weightsEpoch).toBe(1);
    expect(record.error).toMatch(/^Training ended, but saving the run failed: E[A-Z]+: .*model-e0002\.bin/);
    expect(runs.loadModel(id).byteLength).toBeGreaterThan(784 * 10 * 4);
    model.dispose();
  });
});
