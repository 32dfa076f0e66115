/** Messages of the benchmark worker (used by `npm run bench` through renderer/bench.html). */
import type { BackendChoice } from './engine/backend.ts';
import type { SplitBytes } from './engine/data.ts';
import type { PresetName } from './engine/spec/presets.ts';

export interface BenchCase {
  model: PresetName;
  backend: BackendChoice;
  /** tfjs-backend-wasm's own kernels instead of ours (for comparison) */
  stockKernels: boolean;
  /** wasm only: threads for our GEMM (or tfjs' pool with stock kernels; default: backend.ts' defaultWasmThreads); one worker per thread count */
  threads?: number;
  /** wasm only: tfjs' own pool when it should differ (backend.ts' `tfjsThreads`) */
  tfjsThreads?: number;
  /** whole epochs over the full train set, or a fixed number of steps extrapolated to an epoch */
  run: { epochs: number } | { steps: number };
}

export interface BenchResult {
  model: PresetName;
  backend: string;
  /** on wasm: our kernel overrides or tfjs' stock ones; other backends run tfjs' own */
  kernels: 'ours' | 'stock' | 'tfjs';
  /** wasm: threads our GEMM ran on (1 with stock kernels) */
  threads: number;
  /** wasm: tfjs' own pool (XNNPACK convolutions, elementwise kernels) */
  tfjsThreads: number;
  secondsPerEpoch: number;
  samplesPerSecond: number;
  /** measured over how many examples; "extrapolated" when fewer than a full epoch */
  measuredExamples: number;
  extrapolated: boolean;
  testAccuracy: number | null;
  error?: string;
}

export type BenchRequest = {
  train: SplitBytes;
  test: SplitBytes;
  cases: BenchCase[];
  wasmPaths: string;
};

export type BenchMessage = { type: 'result'; result: BenchResult } | { type: 'skipped'; reason: string } | { type: 'done' };

/** WebGL verification (workers/bench-verify.worker.ts): same-seed loss curves per backend. */
export type VerifyRequest = {
  train: SplitBytes;
  /** training steps per preset (one epoch's first N batches) */
  steps: Partial<Record<PresetName, number>>;
  wasmPaths: string;
};

export interface VerifyCurve {
  model: PresetName;
  backend: string;
  /** the loss of every step, in order */
  losses: number[];
  /** the first 64 values of the first weight before training (same seed → same initial weights) */
  firstKernel: number[];
  /** webgl: WEBGL_RENDER_FLOAT32_CAPABLE when trained */
  float32: boolean;
  /** wasm: threads the backend computes on (the larger of our GEMM's and tfjs' pool, as the status bar shows) */
  threads: number;
}

export type VerifyMessage =
  | { type: 'curve'; curve: VerifyCurve }
  | { type: 'trial'; chosen: BackendChoice; trials: { backend: BackendChoice; msPerStep: number | null; error?: string }[] }
  | { type: 'error'; message: string }
  | { type: 'done' };
