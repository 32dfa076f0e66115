/** The Chromium side of `kernel-profile.ts --browser`: the profile in a worker, like training in the app. */
import { initBackend } from '../workers/engine/backend.ts';
import { relaxedSimdSupported } from '../workers/engine/wasm/simd/kernels.ts';
import { setConvBackpropRoutes, type BackpropFilterRoute, type BackpropInputRoute } from '../workers/engine/wasm/conv2d-backprop.ts';
import { profileSteps, type ProfileOptions } from './kernel-profile-core.ts';

/** the worker's global, typed structurally (a webworker lib reference would retype the whole tests project) */
declare const self: { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown): void };

self.onmessage = async (event: MessageEvent<Omit<ProfileOptions, 'clock' | 'clockName'> & { wasmPaths: string; threads?: number; tfjsThreads?: number; routes: { filter: BackpropFilterRoute; input: BackpropInputRoute } }>) => {
  const { wasmPaths, threads, tfjsThreads, routes, ...options } = event.data;
  try {
    const info = await initBackend('wasm', { wasmPaths, ...(threads != null ? { threads } : {}), ...(tfjsThreads != null ? { tfjsThreads } : {}) });
    setConvBackpropRoutes(routes);
    const lines = profileSteps({ ...options, clock: () => performance.now() * 1000, clockName: 'wall' });
    const gemm = info.gemmThreads;
    self.postMessage({ lines: [`wasm, GEMM ${gemm} thread(s), tfjs ${info.threads}, relaxed SIMD ${relaxedSimdSupported()}, crossOriginIsolated ${info.crossOriginIsolated}`, ...lines] });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
};
