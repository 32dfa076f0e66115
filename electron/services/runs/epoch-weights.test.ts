/**
 * Every epoch's weights kept: the service's per-epoch files, the per-run cap and its message,
 * records from before per-epoch weights, and a real run (TF.js cpu, real MNIST) whose epoch-k
 * weights, read back through the service, reproduce what epoch k recorded.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { splitTrainSet } from '../../../workers/engine/train/training.ts';
import type { EpochEvent, TrainingEvent } from '../../../workers/engine/train/events.ts';
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import type { EncodedModel } from '../../../workers/checkpoint.ts';
import { TrainingSession } from '../../../workers/session.ts';
import { createRunsService } from './service.ts';
import { sampleModelBlob } from './test-blob.ts';

const settings = { dataset: 'mnist', backend: 'cpu', threads: 1, appVersion: 'test', trainCount: 1024, validationCount: 256 };
const tempDataDir = () => mkdtempSync(join(tmpdir(), 'runs-epochs-'));
const epochMetrics = (n: number) => ({ epoch: n, loss: 1 / n, acc: 0.9, val_loss: null, val_acc: null, seconds: 1 });

function startRun(dataDir: string, maxEpochWeightBytes?: number | (() => number)) {
  const service = createRunsService({ dataDir, ...(maxEpochWeightBytes === undefined ? {} : { maxEpochWeightBytes }) });
  const spec = presetSpec('chollet-ch2');
  spec.fit.epochs = 6;
  return { service, id: service.create({ spec, settings }).id };
}

describe('per-epoch weights in the runs service', () => {
  it('keeps every epoch, opens each, and states the run’s size', () => {
    const dataDir = tempDataDir();
    const { service, id } = startRun(dataDir);
    for (let n = 1; n <= 4; n++) {
      service.recordEpoch(id, epochMetrics(n));
      service.checkpoint(id, n, sampleModelBlob(1000, n));
    }
    const summary = service.list().runs[0]!;
    expect(summary).toMatchObject({ epochsKept: [1, 2, 3, 4], weightsEpoch: 4, epochsKeptNote: null, storedBytes: 4 * sampleModelBlob(1000).byteLength });
    for (let n = 1; n <= 4; n++) expect(service.loadModel(id, n).at(-1)).toBe(n);
    expect(service.loadModel(id).at(-1)).toBe(4);
    expect(() => service.loadModel(id, 5)).toThrow(/keeps no weights for epoch 5; it has epochs 1, 2, 3, 4/);
    // The final checkpoint repeats the last epoch: one file, counted once.
    service.checkpoint(id, 4, sampleModelBlob(1000, 4));
    expect(service.get(id).storedBytes).toBe(summary.storedBytes);
    expect(readdirSync(join(dataDir, 'runs', id)).sort()).toEqual(['model-e0001.bin', 'model-e0002.bin', 'model-e0003.bin', 'model-e0004.bin', 'record.json']);
    // Launch housekeeping keeps the epochs the record points at.
    service.finish(id, { status: 'finished' });
    createRunsService({ dataDir }).cleanup();
    expect(readdirSync(join(dataDir, 'runs', id))).toHaveLength(5);
  });

  it('past the cap keeps the epochs before it and the last, and says so', () => {
    const dataDir = tempDataDir();
    const blob = sampleModelBlob(1000);
    const { service, id } = startRun(dataDir, blob.byteLength * 2); // room for two epochs
    for (let n = 1; n <= 5; n++) {
      service.recordEpoch(id, epochMetrics(n));
      service.checkpoint(id, n, sampleModelBlob(1000, n));
    }
    const summary = service.get(id);
    expect(summary.epochsKept).toEqual([1, 2, 5]);
    expect(summary.storedBytes).toBe(3 * blob.byteLength);
    expect(summary.epochsKeptNote).toBe(`Kept epochs 1–2 and 5 of 5: the ${Math.round((blob.byteLength * 2) / 1024)} kB cap per run was reached; change it in Settings.`);
    expect(service.loadModel(id, 2).at(-1)).toBe(2);
    expect(service.loadModel(id, 5).at(-1)).toBe(5);
    expect(() => service.loadModel(id, 3)).toThrow(/keeps no weights for epoch 3; it has epochs 1, 2, 5/);
    expect(readdirSync(join(dataDir, 'runs', id)).filter((f) => f.endsWith('.bin'))).toEqual(['model-e0001.bin', 'model-e0002.bin', 'model-e0005.bin']);
  });

  it('reads the cap at every checkpoint (the learner may change it while a run trains); once reached, the run keeps only its last epoch', () => {
    const dataDir = tempDataDir();
    const blob = sampleModelBlob(1000);
    let capMB = 256;
    const { service, id } = startRun(dataDir, () => capMB * 1024 * 1024);
    for (let n = 1; n <= 6; n++) {
      if (n === 3) capMB = 0; // lowered in Settings after epoch 2
      if (n === 5) capMB = 256; // raised again: the run has already stopped keeping epochs
      service.recordEpoch(id, epochMetrics(n));
      service.checkpoint(id, n, sampleModelBlob(1000, n));
    }
    const summary = service.get(id);
    expect(summary.epochsKept).toEqual([1, 2, 6]);
    expect(summary.storedBytes).toBe(3 * blob.byteLength);
    expect(summary.epochsKeptNote).toBe('Kept epochs 1–2 and 6 of 6: the cap per run is 0 MB (only the last epoch is kept); change it in Settings.');
    // A cap of 0 from the start: only the last epoch, said so.
    capMB = 0;
    const other = startRun(dataDir, () => capMB * 1024 * 1024);
    for (let n = 1; n <= 3; n++) {
      other.service.recordEpoch(other.id, epochMetrics(n));
      other.service.checkpoint(other.id, n, sampleModelBlob(1000, n));
    }
    expect(other.service.get(other.id)).toMatchObject({ epochsKept: [3], epochsKeptNote: 'Kept only epoch 3 of 3: the cap per run is 0 MB (only the last epoch is kept); change it in Settings.' });
  });

  it('shows the note a run recorded before the cap setting wrote', () => {
    const dataDir = tempDataDir();
    const { service, id } = startRun(dataDir, 0);
    service.recordEpoch(id, epochMetrics(1));
    service.checkpoint(id, 1, sampleModelBlob(100, 1));
    service.finish(id, { status: 'finished' });
    const file = join(dataDir, 'runs', id, 'record.json');
    const { epochCheckpointsCap: _cap, ...old } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const note = 'Weights kept for epochs up to 0 and the last epoch only: this run’s per-epoch weights reached the 0 MB cap (0 MB kept).';
    writeFileSync(file, JSON.stringify({ ...old, epochCheckpointsNote: note }));
    expect(createRunsService({ dataDir }).get(id)).toMatchObject({ epochsKept: [1], epochsKeptNote: note });
  });

  it('opens a run recorded before per-epoch weights: its last checkpoint only', () => {
    const dataDir = tempDataDir();
    const { service, id } = startRun(dataDir);
    service.recordEpoch(id, epochMetrics(1));
    service.checkpoint(id, 1, sampleModelBlob(100, 1));
    service.recordEpoch(id, epochMetrics(2));
    service.checkpoint(id, 2, sampleModelBlob(100, 2));
    service.finish(id, { status: 'finished' });
    // The old format: no epochCheckpoints, no note; only the last file on disk.
    const file = join(dataDir, 'runs', id, 'record.json');
    const { epochCheckpoints: _list, epochCheckpointsNote: _note, epochCheckpointsCap: _cap, ...old } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(old));
    const reopened = createRunsService({ dataDir });
    reopened.cleanup();
    expect(reopened.get(id)).toMatchObject({ epochsKept: [2], weightsEpoch: 2, epochsKeptNote: null, storedBytes: sampleModelBlob(100).byteLength });
    expect(reopened.loadModel(id).at(-1)).toBe(2);
    expect(reopened.loadModel(id, 2).at(-1)).toBe(2);
    expect(() => reopened.loadModel(id, 1)).toThrow(/keeps no weights for epoch 1; it has epoch 2\./);
  });
});

describe('epoch k’s weights from a real run', () => {
  it('round-trip through the service and reproduce the validation metrics epoch k recorded', async () => {
    await tf.setBackend('cpu');
    const train = loadMnist('train', 1024);
    const test = loadMnist('test', 200);
    const spec = presetSpec('chollet-ch2');
    spec.fit = { ...spec.fit, epochs: 2, subset: 1024, validation_split: 0.25 };
    const epochs: EpochEvent[] = [];
    const checkpoints = new Map<number, EncodedModel>();
    let done: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (done = resolve));
    const session = new TrainingSession(
      'unused-in-node',
      (event: TrainingEvent) => {
        if (event.type === 'epoch') epochs.push(event);
        if (event.type === 'done' || event.type === 'error') done();
      },
      (epoch, final, model) => {
        if (!final) checkpoints.set(epoch, model);
      },
      () => undefined,
    );
    session.setDataset('mnist', train, test);
    await session.train(spec, 'cpu');
    await ended;
    expect([...checkpoints.keys()]).toEqual([1, 2]);

    const service = createRunsService({ dataDir: tempDataDir() });
    const { id } = service.create({ spec, settings });
    for (const e of epochs) {
      service.recordEpoch(id, { epoch: e.epoch, loss: e.loss, acc: e.accuracy, val_loss: e.val_loss, val_acc: e.val_accuracy, seconds: e.seconds });
      const model = checkpoints.get(e.epoch)!;
      service.checkpoint(id, e.epoch, model.blob);
    }

    // The epoch slider's path: runs.model {id, epoch} → loadModel → evaluate. On the validation
    // split the numbers must be epoch k's own (inference has no dropout; the same examples).
    const validation = splitTrainSet(train, 1024, 0.25).validation!;
    const viewer = new TrainingSession('unused-in-node', () => undefined, () => undefined, () => undefined);
    await viewer.useBackend('cpu');
    viewer.setDataset('validation', train, validation);
    for (const e of epochs) {
      await viewer.loadModel({ blob: service.loadModel(id, e.epoch) }, { mode: 'scale', mean: 0, std: 1 });
      const evaluation = await viewer.evaluateTest(spec.compile.loss);
      expect(evaluation.accuracy).toBe(e.val_accuracy);
      expect(evaluation.loss).toBeCloseTo(e.val_loss!, 5);
    }
    // Two different sets of weights, not one file twice.
    expect(epochs[0]!.val_loss).not.toBe(epochs[1]!.val_loss);
  });
});
