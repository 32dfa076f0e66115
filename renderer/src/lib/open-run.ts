/**
 * Opening a saved run: its weights become the worker's current model (for Evaluate, Draw and
 * export), its curves are replayed into the training monitor, its test results into Evaluate.
 */
import type { RunRecord } from '../../../electron/api/contract.ts';
import type { DoneEvent, TrainingEvent } from '../../../workers/engine/train/events.ts';
import { decodeModelBlob } from '../../../electron/api/contracts/model-blob.ts';
import type { TrainingMonitor } from '../train/training-monitor.svelte.ts';
import type { LabClient } from './lab-client.ts';
import type { TrainingState } from './training.svelte.ts';
import type { TrainingWorker } from './training-worker.ts';

/** The record's events as the engine would have sent them (batch losses back to running means). */
export function replayEvents(record: RunRecord): TrainingEvent[] {
  const trainCount = record.settings.trainCount ?? 60_000;
  const batchesPerEpoch = Math.ceil(trainCount / record.spec.fit.batch_size);
  const events: TrainingEvent[] = [
    { type: 'start', epochs: record.spec.fit.epochs, batchesPerEpoch, trainCount, validationCount: record.settings.validationCount ?? 0 },
  ];
  const epochs = new Map(record.epochs.map((e) => [e.epoch, e]));
  const replayed = new Set<number>();
  let epoch = 0;
  let previousBatch = 0;
  let lossSum = 0;
  let accSum = 0;
  record.batches.forEach((point, i) => {
    if (point.epoch !== epoch) [epoch, previousBatch, lossSum, accSum] = [point.epoch, 0, 0, 0];
    // Stored points are means over the batches since the previous point.
    lossSum += point.loss * (point.batch - previousBatch);
    accSum += point.acc * (point.batch - previousBatch);
    previousBatch = point.batch;
    events.push({ type: 'batch', epoch, batch: point.batch, batchesPerEpoch, loss: lossSum / point.batch, accuracy: accSum / point.batch, samplesPerSecond: 0 });
    const finished = epochs.get(epoch);
    if (finished && record.batches[i + 1]?.epoch !== epoch) {
      events.push(epochEvent(record, finished));
      replayed.add(epoch);
    }
  });
  for (const e of record.epochs) if (!replayed.has(e.epoch)) events.push(epochEvent(record, e));
  const done = doneEventOf(record);
  if (done) events.push(done);
  return events;
}

function epochEvent(record: RunRecord, e: RunRecord['epochs'][number]): TrainingEvent {
  return { type: 'epoch', epoch: e.epoch, epochs: record.spec.fit.epochs, loss: e.loss, accuracy: e.acc, val_loss: e.val_loss, val_accuracy: e.val_acc, seconds: e.seconds };
}

export function doneEventOf(record: RunRecord): DoneEvent | undefined {
  if (!record.test || !record.confusion || !record.transform) return undefined;
  return {
    type: 'done',
    status: record.status === 'stopped' ? 'stopped' : 'finished',
    epochsCompleted: record.epochs.length,
    test: { ...record.test, confusion: record.confusion },
    transform: record.transform,
    seconds: record.seconds ?? 0,
  };
}

export async function openRun(
  id: string,
  parts: { lab: LabClient; worker: TrainingWorker; training: TrainingState; monitor: TrainingMonitor },
): Promise<RunRecord> {
  const { lab, worker, training, monitor } = parts;
  if (training.active) throw new Error('Stop the training before opening a saved run');
  const record = await lab.call('runs.get', { id });
  const { modelJson, weights } = decodeModelBlob(await lab.call('runs.model', { id }));
  const transform = record.transform ?? { mode: record.spec.preprocessing, mean: 0, std: 1 };
  const own = weights.slice();
  await worker.request('loadModel', { model: { modelJson: JSON.stringify(modelJson), weights: own }, transform }, [own.buffer]);
  monitor.reset();
  let clock = 0;
  for (const event of replayEvents(record)) {
    if (event.type === 'epoch') clock += event.seconds * 1000;
    monitor.handle(event, clock);
  }
  await training.opened(record.name, record.spec, doneEventOf(record));
  return record;
}
