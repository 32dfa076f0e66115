import { describe, expect, it } from 'vitest';
import { presetSpec } from './engine/spec/presets.ts';
import { RunRecorder } from './run-recorder.ts';
import type { RecorderApi } from './run-recorder.ts';

const settings = { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: '0.1.0', trainCount: 256, validationCount: 0 };

function fakeApi(log: string[], failOn?: string): RecorderApi {
  const summary = { id: '2026-11-29T12-58-03-ab12' } as never;
  const step = async (what: string) => {
    await new Promise((r) => setTimeout(r, Math.random() * 5));
    if (what === failOn) throw new Error(`disk full during ${what}`);
  };
  return {
    create: async () => (await step('create'), summary),
    epoch: async ({ epoch, batches }) => (await step('epoch'), log.push(`epoch ${epoch.epoch} (${batches.map((b) => b.loss.toFixed(2)).join(' ')})`)),
    checkpoint: async ({ epoch, bytes }) => (await step('checkpoint'), log.push(`checkpoint ${epoch} ${bytes.byteLength} B`)),
    finish: async ({ status, test }) => (await step('finish'), log.push(`finish ${status} ${test?.accuracy ?? '-'}`), summary),
  };
}

const batch = (epoch: number, batch: number, loss: number) => ({ type: 'batch' as const, epoch, batch, batchesPerEpoch: 2, loss, accuracy: 0.5, samplesPerSecond: 100 });
const epochEvent = (epoch: number) => ({ type: 'epoch' as const, epoch, epochs: 2, loss: 0.5, accuracy: 0.8, val_loss: null, val_accuracy: null, seconds: 1 });

describe('RunRecorder', () => {
  it('sends epochs with interval-mean batch points, checkpoints and the end, in order', async () => {
    const log: string[] = [];
    const recorder = new RunRecorder(fakeApi(log), { spec: presetSpec('chollet-ch2'), settings });
    recorder.handle(batch(1, 1, 1.0));
    // running mean 0.8 over 2 batches after 1.0 for the first → the second batch alone was 0.6
    recorder.handle(batch(1, 2, 0.8));
    recorder.handle(epochEvent(1));
    recorder.checkpoint(1, new Uint8Array(12));
    recorder.handle(batch(2, 1, 0.4));
    const test = { count: 10, loss: 0.1, accuracy: 0.9, confusion: [], precision: [], recall: [] };
    recorder.handle({ type: 'done', status: 'stopped', epochsCompleted: 1, test, transform: { mode: 'scale', mean: 0, std: 1 }, seconds: 2 });
    expect(await recorder.settled()).toBe('2026-11-29T12-58-03-ab12');
    expect(log).toEqual(['epoch 1 (1.00 0.60)', 'checkpoint 1 12 B', 'finish stopped 0.9']);
    expect(recorder.error).toBeNull();
  });

  it('remembers the first failure and stops calling, but still ends the run, naming the failure', async () => {
    const log: string[] = [];
    const api = fakeApi(log, 'epoch');
    const finishes: Parameters<RecorderApi['finish']>[0][] = [];
    const finish = api.finish;
    api.finish = (args) => (finishes.push(args), finish(args));
    const recorder = new RunRecorder(api, { spec: presetSpec('chollet-ch2'), settings });
    recorder.handle(epochEvent(1));
    recorder.checkpoint(1, new Uint8Array(4));
    recorder.handle({ type: 'error', message: 'boom', epoch: 1, batch: 1 });
    await recorder.settled();
    expect(recorder.error).toBe('disk full during epoch');
    expect(log).toEqual(['finish failed -']);
    expect(finishes.map((f) => f.error)).toEqual(['boom (and saving the run failed: disk full during epoch)']);
  });

  it('ends the run (done) with a clear error when the final checkpoint cannot be written', async () => {
    const log: string[] = [];
    const api = fakeApi(log);
    const finishes: Parameters<RecorderApi['finish']>[0][] = [];
    const finish = api.finish;
    api.finish = (args) => (finishes.push(args), finish(args));
    api.checkpoint = async ({ epoch }) => {
      if (epoch === 2) throw new Error('ENOSPC: no space left on device, write');
      log.push(`checkpoint ${epoch}`);
    };
    const recorder = new RunRecorder(api, { spec: presetSpec('chollet-ch2'), settings });
    recorder.handle(epochEvent(1));
    recorder.checkpoint(1, new Uint8Array(4));
    recorder.handle(epochEvent(2));
    recorder.checkpoint(2, new Uint8Array(4)); // the final weights
    const test = { count: 10, loss: 0.1, accuracy: 0.9, confusion: [], precision: [], recall: [] };
    recorder.handle({ type: 'done', status: 'finished', epochsCompleted: 2, test, transform: { mode: 'scale', mean: 0, std: 1 }, seconds: 2 });
    expect(await recorder.settled()).toBe('2026-11-29T12-58-03-ab12');
    expect(log).toEqual(['epoch 1 ()', 'checkpoint 1', 'epoch 2 ()', 'finish finished 0.9']);
    expect(finishes.map((f) => f.error)).toEqual(['Training ended, but saving the run failed: ENOSPC: no space left on device, write']);
    expect(recorder.error).toMatch(/ENOSPC/);
  });

  it('sends no end when the run could not even be created', async () => {
    const log: string[] = [];
    const recorder = new RunRecorder(fakeApi(log, 'create'), { spec: presetSpec('chollet-ch2'), settings });
    recorder.handle({ type: 'error', message: 'boom', epoch: null, batch: null });
    await expect(recorder.settled()).rejects.toThrow(/disk full during create/);
    expect(log).toEqual([]);
  });
});
