/// <reference lib="webworker" />
/**
 * WebGL verification (e2e/webgl-verify.spec.ts through renderer/bench.html?verify): trains the
 * presets with the same seed, data and batches on webgl and on wasm and reports every step's
 * loss, then runs the 'auto' backend trial with WEBGL_RENDER_FLOAT32_CAPABLE forced false.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendChoice } from './engine/backend.ts';
import { presetSpec, type PresetName } from './engine/spec/presets.ts';
import { createTraining } from './engine/train/training.ts';
import type { VerifyMessage, VerifyRequest, VerifyCurve } from './bench-protocol.ts';
import { threadsOf } from './protocol.ts';
import { pickFastestBackend } from './backend-trial.ts';

declare const self: DedicatedWorkerGlobalScope;

async function curve(request: VerifyRequest, model: PresetName, backend: BackendChoice, steps: number): Promise<VerifyCurve> {
  const info = await initBackend(backend, { wasmPaths: request.wasmPaths });
  const spec = presetSpec(model);
  spec.fit = { ...spec.fit, epochs: 1, subset: steps * spec.fit.batch_size, validation_split: 0 };
  // unthrottled batch events: each one's loss is the mean over exactly one step's batch
  const losses: number[] = [];
  const run = createTraining({
    spec,
    train: request.train,
    batchEventIntervalMs: 0,
    onEvent: (event) => {
      if (event.type !== 'batch') return;
      losses.push(event.loss);
    },
  });
  const firstKernel = run.model.getWeights()[0]!.dataSync().slice(0, 64);
  const done = await run.done;
  run.model.dispose();
  if (done.type === 'error') throw new Error(`${model} on ${backend}: ${done.message}`);
  return { model, backend: info.backend, losses, firstKernel: Array.from(firstKernel), threads: threadsOf(info), float32: backend !== 'webgl' || tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE') };
}

self.addEventListener('message', async (event: MessageEvent<VerifyRequest>) => {
  const request = event.data;
  const post = (message: VerifyMessage): void => self.postMessage(message);
  try {
    for (const [model, steps] of Object.entries(request.steps) as [PresetName, number][]) {
      for (const backend of ['wasm', 'webgl'] as const) post({ type: 'curve', curve: await curve(request, model, backend, steps) });
    }
    // the trial on a GPU without float32 render targets: tfjs' flag decides, so force it
    await initBackend('webgl', { wasmPaths: request.wasmPaths });
    const real = tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE');
    tf.env().set('WEBGL_RENDER_FLOAT32_CAPABLE', false);
    try {
      const spec = presetSpec('chollet-ch2');
      const { chosen, trials } = await pickFastestBackend(spec, request.train, request.wasmPaths);
      post({ type: 'trial', chosen, trials });
    } finally {
      tf.env().set('WEBGL_RENDER_FLOAT32_CAPABLE', real);
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  post({ type: 'done' });
});
