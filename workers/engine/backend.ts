/**
 * TF.js backend selection for the training engine. Runs in a browser module worker and in Node
 * (CLI, tests, bench): no DOM or Node imports, feature checks go through `globalThis`.
 *
 * wasm: the app serves the .wasm binaries itself (`wasmPaths`, a URL prefix ending in '/'); never a
 * CDN. After the backend is ready we install our kernel overrides (workers/engine/wasm/) — XNNPACK
 * matmuls for the transposed gradient GEMMs and fast Conv2D gradients. `stockKernels: true` restores
 * the stock tfjs-backend-wasm 4.22 kernels instead (benchmarking only: CNN training then throws,
 * MLP training is ~5× slower).
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { installWasmKernels, uninstallWasmKernels } from './wasm/register.ts';
import { startGemmThreads } from './wasm/gemm.ts';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type BackendChoice = 'wasm' | 'webgl' | 'cpu';

export interface BackendInfo {
  backend: string;
  simd: boolean;
  threads: number;
  /** threads our own GEMM (every Dense layer, the convolution gradients) runs on: see wasm/gemm.ts */
  gemmThreads: number;
  crossOriginIsolated: boolean;
  tfjsVersion: string;
  /** kernels replaced by ours on this backend (wasm only), sorted */
  patchedKernels: string[];
}

export interface InitBackendOptions {
  /** URL prefix (ending in '/') or file map the wasm binaries are served from; browser only. */
  wasmPaths?: string | Record<string, string>;
  /** wasm only: use tfjs' stock kernels (uninstall our overrides). For benchmarks. */
  stockKernels?: boolean;
  /**
   * wasm only, browser with crossOriginIsolated: threads for our GEMM (wasm/gemm.ts), or for tfjs'
   * XNNPACK pool with `stockKernels`; default `defaultWasmThreads()`. Like wasmPaths it only takes
   * effect before the first wasm initialisation.
   */
  threads?: number;
  /**
   * tfjs' own pool (XNNPACK's small convolutions, pooling and elementwise kernels); default 1 with
   * our kernels. Its workers spin after every kernel on the cores our GEMM's helpers need next:
   * with 2 on this 2-core machine chollet-ch2 took 2.7 s/epoch and convnet-ch8 28.8, with 1 2.2
   * and 26.3 (`npm run bench -- --quick --tfjs-threads 1|2`), while the XNNPACK kernels it gave
   * threads to got no slower (`bench/kernel-profile.ts cnn --browser --tfjs-threads 1|2`).
   */
  tfjsThreads?: number;
}

/**
 * Threads for the products: every logical core up to 4 (measured on 2 cores: the GEMMs and
 * convolutions run ~1.8× faster with 2 threads than with 1), half of them above (those are mostly
 * hyper-threads sharing a core's SIMD units) but never fewer than 4, at most 8 (tfjs' own cap).
 */
export function defaultWasmThreads(logicalCores: number): number {
  const cores = Math.max(1, Math.floor(logicalCores));
  return cores <= 4 ? cores : Math.min(8, Math.max(4, Math.floor(cores / 2)));
}

type NavigatorLike = { hardwareConcurrency?: number };

/**
 * tfjs-backend-wasm 4.22 sizes its pool as min(requested, ⌊navigator.hardwareConcurrency ÷ 2⌋),
 * reading the core count when the module initialises. So while it initialises we let the
 * worker's navigator report twice the threads we want, and restore the real value afterwards.
 */
async function withReportedCores<T>(cores: number, body: () => Promise<T>): Promise<T> {
  const nav = (globalThis as { navigator?: NavigatorLike }).navigator;
  if (nav == null) return body();
  const own = Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency');
  Object.defineProperty(nav, 'hardwareConcurrency', { value: cores, configurable: true });
  try {
    return await body();
  } finally {
    if (own) Object.defineProperty(nav, 'hardwareConcurrency', own);
    else delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

function isCrossOriginIsolated(): boolean {
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

function canCreateWebGL(): boolean {
  // Typed structurally: this module is also compiled for Node, whose libs have no OffscreenCanvas.
  type Offscreen = new (width: number, height: number) => { getContext(kind: string): unknown };
  const Offscreen = (globalThis as { OffscreenCanvas?: Offscreen }).OffscreenCanvas;
  if (typeof Offscreen !== 'function') return false;
  try {
    const canvas = new Offscreen(1, 1);
    return (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) != null;
  } catch {
    return false;
  }
}

/** Backends usable here: wasm when WebAssembly exists, webgl where an OffscreenCanvas WebGL context can be created, cpu always. */
export function availableBackends(): BackendChoice[] {
  const out: BackendChoice[] = [];
  if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly === 'object') out.push('wasm');
  if (canCreateWebGL()) out.push('webgl');
  out.push('cpu');
  return out;
}

/** Makes `choice` the active TF.js backend and reports what it runs with. */
export async function initBackend(choice: BackendChoice, opts: InitBackendOptions = {}): Promise<BackendInfo> {
  let activate = async () => {
    const ok = await tf.setBackend(choice);
    if (!ok) throw new Error(`TF.js backend '${choice}' could not be initialised`);
    await tf.ready();
  };
  // only before the wasm backend's first initialisation (tfjs throws afterwards; the paths stick)
  if (choice === 'wasm' && tf.findBackend('wasm') == null) {
    if (opts.wasmPaths != null) setWasmPaths(opts.wasmPaths);
    const nav = (globalThis as { navigator?: NavigatorLike }).navigator;
    const cores = nav?.hardwareConcurrency;
    if (isCrossOriginIsolated() && typeof cores === 'number') {
      const threads = opts.tfjsThreads ?? (opts.stockKernels === true ? (opts.threads ?? defaultWasmThreads(cores)) : 1);
      setThreadsCount(threads);
      const plain = activate;
      activate = () => withReportedCores(2 * threads, plain);
    }
  }
  await activate();

  let patchedKernels: string[] = [];
  let simd = false;
  let threads = 1;
  let gemmThreads = 1;
  if (choice === 'wasm') {
    patchedKernels = opts.stockKernels === true ? uninstallWasmKernels() : installWasmKernels();
    simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    const multithread = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
    try {
      threads = getThreadsCount();
    } catch {
      threads = multithread ? -1 : 1;
    }
    const cores = (globalThis as { navigator?: NavigatorLike }).navigator?.hardwareConcurrency;
    if (opts.stockKernels !== true && patchedKernels.includes(tf.BatchMatMul) && typeof cores === 'number') {
      gemmThreads = await startGemmThreads(tf.backend() as BackendWasm, opts.threads ?? defaultWasmThreads(cores));
    }
  }
  return {
    backend: tf.getBackend(),
    simd,
    threads,
    gemmThreads,
    crossOriginIsolated: isCrossOriginIsolated(),
    tfjsVersion: tf.version.tfjs,
    patchedKernels,
  };
}
