/// <reference lib="webworker" />
/** The Chromium side of `kernel-profile.ts --browser`: the profile in a worker, like training in the app. */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../workers/engine/backend.ts';
import { gemmThreads } from '../workers/engine/wasm/gemm.ts';
import { relaxedSimdSupported } from '../workers/engine/wasm/simd/kernels.ts';
import { profileSteps, type ProfileOptions } from './kernel-profile-core.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<Omit<ProfileOptions, 'clock' | 'clockName'> & { wasmPaths: string; threads?: number }>) => {
  const { wasmPaths, threads, ...options } = event.data;
  try {
    const info = await initBackend('wasm', { wasmPaths, ...(threads != null ? { threads } : {}) });
    // let the GEMM helpers start before timing
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lines = profileSteps({ ...options, clock: () => performance.now() * 1000, clockName: 'wall' });
    const gemm = gemmThreads(tf.backend() as BackendWasm);
    self.postMessage({ lines: [`wasm, tfjs ${info.threads} thread(s), GEMM ${gemm}, relaxed SIMD ${relaxedSimdSupported()}, crossOriginIsolated ${info.crossOriginIsolated}`, ...lines] });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
};
