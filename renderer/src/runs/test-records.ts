/** Test and preview support: realistic run records built from the engine's presets. */
import type { RunRecord } from '../../../electron/api/contracts/runs.ts';
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import type { ModelSpec } from '../../../workers/engine/spec/schema.ts';

export interface SampleRunOptions {
  id: string;
  name?: string;
  summary?: string;
  spec?: ModelSpec;
  edit?: (spec: ModelSpec) => void;
  params?: number;
  /** test accuracy reached after the last epoch */
  finalAccuracy?: number;
  epochsDone?: number;
  secondsPerEpoch?: number;
  status?: RunRecord['status'];
  validation?: boolean;
}

/** Curves shaped like real MNIST training: loss falls fast, then slowly; accuracy saturates. */
export function sampleRun(options: SampleRunOptions): RunRecord {
  const spec = options.spec ?? presetSpec('chollet-ch2');
  options.edit?.(spec);
  const planned = spec.fit.epochs;
  const done = options.epochsDone ?? planned;
  const final = options.finalAccuracy ?? 0.978;
  const perEpoch = Math.ceil(60000 / spec.fit.batch_size);
  const speed = 128 / spec.fit.batch_size;
  const epochs = Array.from({ length: done }, (_, k) => {
    const e = k + 1;
    const acc = final - (final - 0.9) * Math.exp(-e * speed * 0.9);
    return {
      epoch: e,
      loss: 0.05 + 0.25 * Math.exp(-(e - 1) * 0.6 * speed),
      acc: Math.min(0.999, acc + 0.005 * e),
      val_loss: options.validation ? 0.08 + 0.2 * Math.exp(-e * 0.7) : null,
      val_acc: options.validation ? acc : null,
      seconds: options.secondsPerEpoch ?? 9.5,
    };
  });
  const batches = [];
  const step = Math.max(1, Math.floor((perEpoch * done) / 1500));
  for (let i = 0; i < perEpoch * done; i += step) {
    const t = i / perEpoch;
    const wiggle = 0.08 * Math.sin(i * 12.9898) * Math.exp(-t);
    batches.push({ epoch: Math.floor(t) + 1, batch: (i % perEpoch) + 1, loss: Math.max(0.01, 0.04 + 1.8 * Math.exp(-t * 3 * Math.sqrt(speed)) + wiggle), acc: 0.9 });
  }
  const finished = (options.status ?? 'finished') === 'finished';
  const confusion = Array.from({ length: 10 }, (_, t) => Array.from({ length: 10 }, (_, p) => (t === p ? Math.round(1000 * final) : p === (t + 3) % 10 ? 1000 - Math.round(1000 * final) : 0)));
  const seconds = done * (options.secondsPerEpoch ?? 9.5);
  return {
    id: options.id,
    name: options.name ?? 'Dense 512 → 10 · rmsprop · 5 ep',
    createdAt: `${options.id.slice(0, 10)}T${options.id.slice(11, 19).replaceAll('-', ':')}.000Z`,
    summary: options.summary ?? 'Dense 512 → 10 · rmsprop · 5 ep',
    preset: 'chollet-ch2',
    params: options.params ?? 407050,
    epochsDone: done,
    epochsPlanned: planned,
    testAccuracy: finished ? final : null,
    backend: 'wasm',
    seconds,
    status: options.status ?? 'finished',
    weightsEpoch: done > 0 ? done : null,
    epochsKept: Array.from({ length: done }, (_, k) => k + 1),
    storedBytes: done * 1_628_300,
    epochsKeptNote: null,
    error: null,
    spec,
    settings: { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: '0.1.0', trainCount: 60000, validationCount: 0 },
    epochs,
    batches,
    test: finished ? { count: 10000, loss: 0.07 + (0.98 - final), accuracy: final, precision: new Array(10).fill(final), recall: new Array(10).fill(final) } : null,
    confusion: finished ? confusion : null,
    transform: { mode: 'scale', mean: 0, std: 1 },
    startedAt: `${options.id.slice(0, 10)}T${options.id.slice(11, 19).replaceAll('-', ':')}.000Z`,
    finishedAt: null,
  };
}
