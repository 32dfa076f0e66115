/** Messages of the benchmark worker (used by `npm run bench` through renderer/bench.html). */
import type { BackendChoice } from './engine/backend.ts';
import type { SplitBytes } from './engine/data.ts';
import type { PresetName } from './engine/spec/presets.ts';

export interface BenchCase {
  model: PresetName;
  backend: BackendChoice;
  /** tfjs-backend-wasm's own kernels instead of ours (for comparison) */
  stockKernels: boolean;
  /** whole epochs over the full train set, or a fixed number of steps extrapolated to an epoch */
  run: { epochs: number } | { steps: number };
}

export interface BenchResult {
  model: PresetName;
  backend: string;
  /** on wasm: our kernel overrides or tfjs' stock ones; other backends run tfjs' own */
  kernels: 'ours' | 'stock' | 'tfjs';
  threads: number;
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
