/**
 * Memory-bound kernels (ReLU's gradient, im2col and its GEMM panels, col2im, the 2×2 max-pool and
 * its gradient, the optimizers' updates) over both cores: one call cut into ranges of images or
 * elements that the GEMM's threads
 * claim (gemm-pool.ts, SplitJob). Each is a pass over megabytes for convnet-ch8 — 64×26×26×32
 * floats for conv1's maps — that one core used to make alone. Small calls, and every call where
 * the pool has no helpers (Node, the CLI), run whole on this thread.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { poolFor } from './gemm.ts';
import { SPLIT_KERNELS, SPLIT_MAX_ARGS, type SplitKernel } from './gemm-pool.ts';
import { simdInstance } from './simd/kernels.ts';

/** Calls moving fewer bytes than this stay on one thread (a hand-off costs ~10–30 µs). */
const MIN_SPLIT_BYTES = 1 << 20;
/** elements per unit of an elementwise kernel: a multiple of 4 keeps every range's SIMD body whole */
const ELEMENT_BLOCK = 8192;

export interface Split {
  /** independent ranges the call is cut into */
  units: number;
  /** bytes each argument moves per unit (pointers into per-image or per-element data; 0: the same for every range) */
  strides: readonly number[];
  /** the argument that holds the range's count: `perUnit` per unit, `total` in all */
  count?: { arg: number; perUnit: number; total: number };
  /** indices of float32 arguments */
  floats?: readonly number[];
  /** bytes the whole call reads and writes */
  bytes: number;
  /**
   * The whole call again, after a helper stopped answering in the middle of a range (its worker
   * killed, say). Default: call the kernel again, right for kernels that only write their outputs;
   * one that accumulates or updates state in place must say how (or that it cannot).
   */
  redo?: () => void;
}

function cannotRedo(): never {
  throw new Error('A helper thread stopped in the middle of an optimizer update, which cannot be redone: the run stops here (later runs use one thread).');
}

const bits = new Int32Array(1);
const float = new Float32Array(bits.buffer);
const floatBits = (value: number): number => {
  float[0] = value;
  return bits[0]!;
};

let threadedCalls = 0;
/** How many calls have been split between threads so far (for tests). */
export function threadedSplitCount(): number {
  return threadedCalls;
}

/** Runs kernel `name`(…args) whole, or split between the GEMM's threads when that pays. */
export function splitKernel(backend: BackendWasm, name: SplitKernel, args: readonly number[], split: Split): void {
  const instance = simdInstance(backend);
  const kernel = instance.kernels[name] as unknown as (...a: number[]) => void;
  const alone = (): void => kernel(...args);
  const redo = split.redo ?? alone;
  const pool = poolFor(instance);
  if (pool == null || split.bytes < MIN_SPLIT_BYTES || args.length > SPLIT_MAX_ARGS) {
    alone();
    return;
  }
  if (pool.participants() > 1 && split.units > 1) threadedCalls++;
  const floats = new Set(split.floats ?? []);
  pool.runSplit(
    kernel,
    {
      fn: SPLIT_KERNELS.indexOf(name),
      units: split.units,
      countArg: split.count?.arg ?? -1,
      perUnit: split.count?.perUnit ?? 0,
      total: split.count?.total ?? 0,
      floatMask: [...floats].reduce((mask, i) => mask | (1 << i), 0),
      args: args.map((arg, i) => (floats.has(i) ? floatBits(arg) : arg)),
      strides: args.map((_, i) => split.strides[i] ?? 0),
    },
    alone,
    redo,
  );
}

/**
 * The split of an elementwise kernel over `n` elements whose first `pointers` arguments are
 * float32 arrays and argument `countArg` is n. `inPlace`: it updates state in place (an optimizer's
 * moments), so a call a helper left half done cannot be run again.
 */
export function elementwise(n: number, pointers: number, countArg: number, floats: readonly number[] = [], inPlace = false): Split {
  return {
    ...(inPlace ? { redo: cannotRedo } : {}),
    units: Math.ceil(n / ELEMENT_BLOCK),
    strides: Array.from({ length: pointers }, () => ELEMENT_BLOCK * 4),
    count: { arg: countArg, perUnit: ELEMENT_BLOCK, total: n },
    floats,
    bytes: n * 4 * pointers,
  };
}
