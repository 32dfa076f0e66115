// Preview: the Train panel fed a synthetic but realistic run — chollet-ch2 on 60 000 images,
// 2 epochs × 469 batches, reports about every 4 batches (the engine throttles to ≤ 10/s) — caught
// in epoch 2; and below it a finished run with a validation split.
import { mount, unmount } from 'svelte';
import type { TrainingEvent } from '../../workers/engine/train/events.ts';
import '../src/global.css';
import TrainPanel from '../src/train/train-panel.svelte';
import { TrainingMonitor } from '../src/train/training-monitor.svelte.ts';
import type { BackendInfo } from '../../workers/engine/backend.ts';
import { root, section } from './sections.ts';

const WASM: BackendInfo = { backend: 'wasm', threads: 1, gemmThreads: 1, simd: true, crossOriginIsolated: true, tfjsVersion: '4.22.0', patchedKernels: [] };

function synthetic(monitor: TrainingMonitor, options: { epochs: number; stopAt: number | null; validation: boolean; seed: number; every?: number }): void {
  const batchesPerEpoch = 469;
  let seed = options.seed;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const msPerBatch = 9200 / batchesPerEpoch; // ~9 s/epoch, as measured with the fast matmul kernels
  let now = performance.now() - (options.stopAt ?? options.epochs * batchesPerEpoch) * msPerBatch;
  const send = (event: TrainingEvent) => monitor.handle(event, now);
  send({ type: 'start', epochs: options.epochs, batchesPerEpoch, trainCount: options.validation ? 48000 : 60000, validationCount: options.validation ? 12000 : 0 });
  let step = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    let lossSum = 0;
    let accSum = 0;
    let [sinceLoss, sinceAcc, sinceCount] = [0, 0, 0];
    for (let batch = 1; batch <= batchesPerEpoch; batch++) {
      step++;
      if (options.stopAt !== null && step > options.stopAt) return;
      now += msPerBatch * (0.9 + 0.2 * random());
      // a per-batch loss that falls fast then slowly, with batch noise of batch size 128
      const t = step / batchesPerEpoch;
      const mean = 0.06 + 0.32 * Math.exp(-t * 1.6) + 1.9 * Math.exp(-step / 12);
      const loss = Math.max(0.01, mean * (1 + 0.45 * (random() - 0.5)));
      const acc = Math.min(1, Math.max(0, 1 - 0.3 * loss - 0.03 * (random() - 0.5) - 0.02));
      lossSum += loss;
      accSum += acc;
      sinceLoss += loss;
      sinceAcc += acc;
      sinceCount++;
      if (batch % (options.every ?? 4) === 0 || batch === batchesPerEpoch) {
        send({
          type: 'batch', epoch, batch, batchesPerEpoch, loss: sinceLoss / sinceCount, accuracy: sinceAcc / sinceCount,
          epochLoss: lossSum / batch, epochAccuracy: accSum / batch, samplesPerSecond: 6400 + 600 * random(),
        });
        [sinceLoss, sinceAcc, sinceCount] = [0, 0, 0];
      }
    }
    const loss = lossSum / batchesPerEpoch;
    send({
      type: 'epoch', epoch, epochs: options.epochs, loss, accuracy: accSum / batchesPerEpoch,
      val_loss: options.validation ? loss * 0.85 + 0.02 * epoch : null,
      val_accuracy: options.validation ? Math.min(0.995, accSum / batchesPerEpoch + 0.01 - 0.002 * epoch) : null,
      seconds: 9.2,
    });
  }
  send({
    type: 'done', status: 'finished', epochsCompleted: options.epochs, transform: { mode: 'scale', mean: 0, std: 1 }, seconds: options.epochs * 9.4,
    test: { count: 10000, loss: 0.071, accuracy: 0.9786, confusion: [], precision: [], recall: [] },
  });
}

const noop = () => undefined;

const live = new TrainingMonitor();
live.backend = WASM;
synthetic(live, { epochs: 2, stopAt: 469 + 330, validation: false, seed: 7 });
mount(TrainPanel, { target: section('Running: epoch 2 of 2'), props: { monitor: live, onstart: noop, onpause: noop, onresume: noop, onstop: noop } });

const done = new TrainingMonitor();
done.backend = WASM;
synthetic(done, { epochs: 5, stopAt: null, validation: true, seed: 11 });
mount(TrainPanel, { target: section('Finished: 5 epochs with validation_split 0.2'), props: { monitor: done, onstart: noop, onpause: noop, onresume: noop, onstop: noop } });

mount(TrainPanel, {
  target: section('Idle'),
  props: { monitor: new TrainingMonitor(), onstart: noop, onpause: noop, onresume: noop, onstop: noop, startBlockedReason: 'Download MNIST first (Data panel).' },
});

// `#remount`: a panel switch in the middle of a live run — unmount, keep feeding, mount again.
if (location.hash === '#remount') {
  root.replaceChildren();
  const monitor = new TrainingMonitor();
  monitor.backend = WASM;
  const events: TrainingEvent[] = [];
  const recorder = { handle: (e: TrainingEvent) => events.push(e) } as unknown as TrainingMonitor;
  synthetic(recorder, { epochs: 2, stopAt: null, validation: true, seed: 3 });
  const props = { monitor, onstart: noop, onpause: noop, onresume: noop, onstop: noop };
  let panel = mount(TrainPanel, { target: root, props });
  let i = 0;
  const feed = setInterval(() => {
    for (let k = 0; k < 5 && i < events.length - 1; k++) monitor.handle(events[i++]!);
    if (i >= events.length - 1) clearInterval(feed);
  }, 10);
  setTimeout(() => void unmount(panel), 300);
  setTimeout(() => (panel = mount(TrainPanel, { target: root, props })), 600);
}

// `#many`: 30 epochs reported at every batch (14 070 points per line), to check decimation keeps it smooth.
if (location.hash === '#many') {
  root.replaceChildren();
  const monitor = new TrainingMonitor();
  synthetic(monitor, { epochs: 30, stopAt: null, validation: true, seed: 5, every: 1 });
  const t0 = performance.now();
  mount(TrainPanel, { target: root, props: { monitor, onstart: noop, onpause: noop, onresume: noop, onstop: noop } });
  requestAnimationFrame(() => requestAnimationFrame(() => (document.body.dataset.renderMs = String(Math.round(performance.now() - t0)))));
}
