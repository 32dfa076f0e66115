import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../electron/api/contract.ts';
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import { replayEvents } from './open-run.ts';

const spec = presetSpec('chollet-ch2');
const record = {
  spec: { ...spec, fit: { ...spec.fit, epochs: 2 } },
  settings: { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: 't', trainCount: 1280, validationCount: 0 },
  // Means over the batches since the previous point, as stored.
  batches: [
    { epoch: 1, batch: 2, loss: 2, acc: 0.2 },
    { epoch: 1, batch: 10, loss: 1, acc: 0.7 },
    { epoch: 2, batch: 5, loss: 0.5, acc: 0.9 },
  ],
  epochs: [
    { epoch: 1, loss: 1.2, acc: 0.6, val_loss: null, val_acc: null, seconds: 1 },
    { epoch: 2, loss: 0.5, acc: 0.9, val_loss: null, val_acc: null, seconds: 1 },
  ],
  test: null,
  confusion: null,
  transform: null,
} as unknown as RunRecord;

describe('replayEvents', () => {
  it('replays the stored batch points as they are, each epoch after its batches', () => {
    const events = replayEvents(record);
    expect(events.map((e) => e.type)).toEqual(['start', 'batch', 'batch', 'epoch', 'batch', 'epoch']);
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches[1]).toMatchObject({ epoch: 1, batch: 10, loss: 1, accuracy: 0.7, batchesPerEpoch: 10 });
    expect(batches[2]).toMatchObject({ epoch: 2, batch: 5, loss: 0.5, accuracy: 0.9 });
  });
});
