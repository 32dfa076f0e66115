/// <reference lib="webworker" />
/**
 * Benchmark worker: trains the presets on each backend with the real engine and reports
 * seconds per epoch (measured, or extrapolated from a fixed number of steps) and test accuracy.
 */
import { availableBackends, initBackend } from './engine/backend.ts';
import { presetSpec } from './engine/spec/presets.ts';
import { createTraining } from './engine/train/training.ts';
import type { EpochEvent } from './engine/train/events.ts';
import type { BenchCase, BenchMessage, BenchRequest, BenchResult } from './bench-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

function kernelsOf(benchCase: BenchCase): BenchResult['kernels'] {
  if (benchCase.backend !== 'wasm') return 'tfjs';
  return benchCase.stockKernels ? 'stock' : 'ours';
}

function post(message: BenchMessage): void {
  self.postMessage(message);
}

async function runCase(request: BenchRequest, benchCase: BenchCase): Promise<BenchResult> {
  const info = await initBackend(benchCase.backend, {
    wasmPaths: request.wasmPaths,
    stockKernels: benchCase.stockKernels,
    ...(benchCase.threads != null ? { threads: benchCase.threads } : {}),
    ...(benchCase.tfjsThreads != null ? { tfjsThreads: benchCase.tfjsThreads } : {}),
  });
  const spec = presetSpec(benchCase.model);
  const trainCount = request.train.labels.length;
  const full = 'epochs' in benchCase.run;
  const examples = full ? trainCount : Math.min(trainCount, ('steps' in benchCase.run ? benchCase.run.steps : 1) * spec.fit.batch_size);
  spec.fit = { ...spec.fit, epochs: full && 'epochs' in benchCase.run ? benchCase.run.epochs : 1, subset: examples, validation_split: 0 };
  const epochs: EpochEvent[] = [];
  const run = createTraining({
    spec,
    train: request.train,
    test: full ? request.test : null,
    onEvent: (event) => event.type === 'epoch' && epochs.push(event),
  });
  const done = await run.done;
  run.model.dispose();
  if (done.type === 'error') throw new Error(done.message);
  const seconds = epochs.reduce((sum, e) => sum + e.seconds, 0) / Math.max(1, epochs.length);
  const samplesPerSecond = examples / seconds;
  return {
    model: benchCase.model,
    backend: info.backend,
    kernels: kernelsOf(benchCase),
    threads: benchCase.stockKernels ? info.threads : info.gemmThreads,
    tfjsThreads: info.threads,
    secondsPerEpoch: trainCount / samplesPerSecond,
    samplesPerSecond,
    measuredExamples: examples * epochs.length,
    extrapolated: !full,
    testAccuracy: done.test?.accuracy ?? null,
  };
}

self.addEventListener('message', async (event: MessageEvent<BenchRequest>) => {
  const request = event.data;
  const available = availableBackends();
  for (const benchCase of request.cases) {
    if (!available.includes(benchCase.backend)) {
      post({ type: 'skipped', reason: `${benchCase.model} on ${benchCase.backend}: backend not available in this worker` });
      continue;
    }
    try {
      post({ type: 'result', result: await runCase(request, benchCase) });
    } catch (error) {
      post({
        type: 'result',
        result: {
          model: benchCase.model,
          backend: benchCase.backend,
          kernels: kernelsOf(benchCase),
          threads: 0,
          tfjsThreads: 0,
          secondsPerEpoch: NaN,
          samplesPerSecond: NaN,
          measuredExamples: 0,
          extrapolated: false,
          testAccuracy: null,
          error: error instanceof Error ? error.message : String(error),
        },
      });
    }
  }
  post({ type: 'done' });
});
