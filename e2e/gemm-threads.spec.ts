/**
 * Our GEMM on two threads (helper workers on tfjs' shared heap) in Chromium, cross-origin isolated
 * as the app is: products, fused products and a convolution's forward and gradients equal the cpu
 * backend's. Node (vitest) never runs this path: its wasm heap is not shared.
 */
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { serveIsolatedWorker, type IsolatedWorkerPage } from '../test-support/isolated-worker-page.ts';

let served: IsolatedWorkerPage;
test.beforeAll(async () => {
  served = await serveIsolatedWorker(join(import.meta.dirname, 'support/gemm-threads.worker.ts'));
});
test.afterAll(async () => {
  await served.close();
});

test('threaded GEMM, im2col, col2im, max-pooling, ReLU and max-pool gradients and RMSprop equal the cpu backend (relative to each output’s largest value)', async ({ page }) => {
  await page.goto(served.url);
  const handle = await page.waitForFunction(() => (window as { workerResult?: unknown }).workerResult, null, { timeout: 120_000 });
  const result = (await handle.jsonValue()) as { gemmThreads?: number; crossOriginIsolated?: boolean; errors?: Record<string, number>; sparseProducts?: number; threadedSplits?: number; error?: string };
  expect(result.error).toBeUndefined();
  expect(result.crossOriginIsolated).toBe(true);
  expect(result.gemmThreads, 'our GEMM started its helper').toBe(2);
  expect(result.sparseProducts, 'the two products of a sparse A ran from its non-zeros').toBe(2);
  // ReLU and max-pool gradients, max-pooling, im2col, its panels and col2im of the big convolution, two RMSprop updates (and the smaller cases' passes of over 1 MB)
  expect(result.threadedSplits, 'memory-bound kernels split between the threads').toBeGreaterThanOrEqual(8);
  const errors = result.errors!;
  expect(Object.keys(errors).length).toBe(21);
  for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThan(1e-5);
  console.log(`threaded GEMM vs cpu, largest relative difference: ${Math.max(...Object.values(errors)).toExponential(2)}`);
});
