/**
 * Opening a saved run: its weights become the worker's current model (for Evaluate, Draw and
 * export), its curves are replayed into the training monitor, its test results into Evaluate.
 */
import type { RunRecord } from '../../../electron/api/contract.ts';
import type { DoneEvent, TrainingEvent } from '../../../workers/engine/train/events.ts';
import type { TrainingMonitor } from '../train/training-monitor.svelte.ts';
import type { LabClient } from './lab-client.ts';
import type { TrainingState } from './training.svelte.ts';
import type { TrainingWorker } from './training-worker.ts';

/** The record's events as the engine sent them (stored batch points are the engine's batch reports). */
export function replayEvents(record: RunRecord): TrainingEvent[] {
  const trainCount = record.settings.trainCount ?? 60_000;
  const batchesPerEpoch = Math.ceil(trainCount / record.spec.fit.batch_size);
  const events: TrainingEvent[] = [
    { type: 'start', epochs: record.spec.fit.epochs, batchesPerEpoch, trainCount, validationCount: record.settings.validationCount ?? 0 },
  ];
  const epochs = new Map(record.epochs.map((e) => [e.epoch, e]));
  const replayed = new Set<number>();
  record.batches.forEach((point, i) => {
    const { epoch } = point;
    // The epoch-so-far means are not stored; the epoch's own means stand in once it has finished.
    const whole = epochs.get(epoch);
    const [epochLoss, epochAccuracy] = whole ? [whole.loss, whole.acc] : [point.loss, point.acc];
    events.push({ type: 'batch', epoch, batch: point.batch, batchesPerEpoch, loss: point.loss, accuracy: point.acc, epochLoss, epochAccuracy, samplesPerSecond: 0 });
    if (whole && record.batches[i + 1]?.epoch !== epoch) {
      events.push(epochEvent(record, whole));
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
  await loadRunWeights(lab, worker, record);
  monitor.reset();
  let clock = 0;
  for (const event of replayEvents(record)) {
    if (event.type === 'epoch') clock += event.seconds * 1000;
    monitor.handle(event, clock);
  }
  await training.opened(record.name, record.spec, doneEventOf(record));
  return record;
}

/** Puts a run's weights (its last checkpoint, or epoch `epoch`'s) into the worker. */
export async function loadRunWeights(lab: LabClient, worker: TrainingWorker, record: RunRecord, epoch?: number): Promise<void> {
  // The blob goes to the worker as it came: model.json is parsed once, there.
  const blob = await lab.call('runs.model', epoch === undefined ? { id: record.id } : { id: record.id, epoch });
  const transform = record.transform ?? { mode: record.spec.preprocessing, mean: 0, std: 1 };
  const own = blob.byteOffset === 0 && blob.byteLength === blob.buffer.byteLength ? blob : blob.slice();
  await worker.request('loadModel', { model: { blob: own }, transform }, [own.buffer as ArrayBuffer]);
}
