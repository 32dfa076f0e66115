/**
 * Installs (and removes) our kernel overrides for the 'wasm' backend.
 *
 * `tf.registerKernel` refuses a second registration for the same (kernel, backend), so an override
 * is: remember the stock config, `unregisterKernel`, `registerKernel(ours)`. Our config keeps the
 * stock `setupFunc` (it binds the C++ entry point when the backend is (re)initialised) and our
 * kernelFuncs reach the stock ones through `stockKernels`, never through the registry.
 * Idempotent: calling `installWasmKernels()` twice does nothing the second time.
 */
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig } from '@tensorflow/tfjs';
import { conv2DBackpropFilterConfig, conv2DBackpropInputConfig } from './conv2d-backprop.ts';
import { conv2DConfig, fusedConv2DConfig } from './conv2d.ts';
import { identityConfig } from './identity.ts';
import { stockKernels } from './kernel-utils.ts';
import { batchMatMulConfig, fusedMatMulConfig } from './matmul.ts';
import { fusedUpdateConfigs } from './optimizer-kernels.ts';
import { reluGradConfig, reluGradKernelConfig } from './relu-grad.ts';
import { simdSupported } from './simd/kernels.ts';
import { sumConfig } from './sum.ts';
import { avgPoolGradConfig, maxPoolGradConfig } from './pool-grad.ts';
import { maxPoolConfig } from './max-pool.ts';
import { sliceConfig } from './slice.ts';

/** Every override, one per kernel name. */
export const wasmKernelOverrides: readonly KernelConfig[] = [
  batchMatMulConfig,
  fusedMatMulConfig,
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  maxPoolGradConfig,
  avgPoolGradConfig,
  sliceConfig,
  identityConfig,
  ...simdKernelOverrides(),
];

/** Kernels that run our SIMD module (kernels.wat); without WebAssembly SIMD the stock ones stay. */
function simdKernelOverrides(): KernelConfig[] {
  if (!simdSupported()) return [];
  // Sum, the convolutions (im2col + our GEMM) and 2×2 max-pooling override stock kernels; the others are our own
  // (used by the gradient and optimizer overrides)
  return [sumConfig, conv2DConfig, fusedConv2DConfig, maxPoolConfig, reluGradKernelConfig, ...fusedUpdateConfigs];
}

/** Gradient overrides (the registry is global: each falls back to the stock formula off wasm). */
export const gradientOverrides: readonly GradConfig[] = [reluGradConfig];
const stockGradients = new Map<string, GradConfig>();

const installed = new Set<string>();

/** Registers our overrides for 'wasm'; returns the names of the kernels now patched. */
export function installWasmKernels(): string[] {
  for (const config of wasmKernelOverrides) {
    const name = config.kernelName;
    if (installed.has(name)) continue;
    const stock = tf.getKernel(name, 'wasm');
    if (stock != null) {
      stockKernels.set(name, stock);
      tf.unregisterKernel(name, 'wasm');
    }
    const setupFunc = stock?.setupFunc;
    const disposeFunc = stock?.disposeFunc;
    tf.registerKernel({ ...config, ...(setupFunc ? { setupFunc } : {}), ...(disposeFunc ? { disposeFunc } : {}) });
    installed.add(name);
  }
  for (const config of gradientOverrides) {
    if (stockGradients.has(config.kernelName)) continue;
    const stock = tf.getGradient(config.kernelName);
    if (stock != null) stockGradients.set(config.kernelName, stock);
    tf.registerGradient(config);
  }
  return patchedWasmKernels();
}

/**
 * Restores the stock kernels, for benchmarking them. Kernels stock wasm lacks (Conv2DBackpropFilter)
 * are unregistered again, so stock behaviour is reproduced exactly (CNN training throws).
 */
export function uninstallWasmKernels(): string[] {
  for (const name of [...installed]) {
    tf.unregisterKernel(name, 'wasm');
    const stock = stockKernels.get(name);
    if (stock != null) tf.registerKernel(stock);
    installed.delete(name);
  }
  for (const [name, stock] of stockGradients) {
    tf.registerGradient(stock);
    stockGradients.delete(name);
  }
  return patchedWasmKernels();
}

/** Whether `name` runs as our override on wasm now (a set lookup: called on the training hot path). */
export function isPatchedWasmKernel(name: string): boolean {
  return installed.has(name);
}

export function patchedWasmKernels(): string[] {
  return [...installed].sort();
}
