/**
 * Float32 matrix products on our own SIMD GEMM (simd/gemm.wat): op(a)·op(b) (+ bias, ReLU) for
 * operands of any rank ≥ 2 with broadcastable batch dims.
 *
 * Measured on this machine (one thread, 128×784·784×512, the default recipe's first layer):
 * XNNPACK as shipped in tfjs-backend-wasm 4.22 31 GFLOP/s when its weights are already packed
 * (~20 in training, where they change every step), ours 42 (baseline SIMD) and 51 (relaxed SIMD).
 * Transposes cost nothing extra: B's packing and A's strides read either layout.
 *
 * Scratch (B's packed panels, the padded bias, a partial-tile buffer) is one temporary tensor on
 * the wasm heap, freed before returning; A is read in place.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs';
import { dispose, sizeOf } from './kernel-utils.ts';
import { canStartHelpers, createGemmPool, runAlone, TILE_SCRATCH_BYTES, type GemmPool } from './gemm-pool.ts';
import { offsetOf, simdInstance, type SimdInstance } from './simd/kernels.ts';

export interface GemmOperands {
  a: TensorInfo;
  b: TensorInfo;
  transposeA: boolean;
  transposeB: boolean;
  /** [N] (any shape of N elements), added to every row; null: none */
  bias: TensorInfo | null;
  relu: boolean;
  /** `a` already holds A as panels [M/4][K][4] (im2col_panels; M a multiple of 4, no batch) */
  packedA?: boolean;
  /**
   * A may be mostly exact zeros (a Dense layer's input: an MNIST batch is ~80 % zero pixels): look,
   * and if it is, compute from its non-zeros (sparse.wat) — the same C, fewer multiply-adds
   */
  sparseA?: boolean;
}

/**
 * A's density (non-zeros ÷ elements) up to which its non-zeros are used: measured in the README's
 * speed section (the sparse product runs at about a third of the dense GEMM's rate per
 * multiply-add, so it pays below ~35 %; an MNIST batch is 19 %).
 */
const SPARSE_DENSITY = 0.3;
/** rows looked at first, spread over A: a dense A is recognised after these, not after a whole pass */
const SPARSE_SAMPLE_ROWS = 16;

interface SparseRows {
  /** one temporary tensor holding idx, vals and the row starts */
  storage: TensorInfo;
  idx: number;
  vals: number;
  starts: number;
}

let sparseProducts = 0;
/** How many products have run from A's non-zeros so far (for tests and the kernel profile). */
export function sparseProductCount(): number {
  return sparseProducts;
}

/** A's non-zeros row by row when at most SPARSE_DENSITY of it is non-zero, else null (nothing kept). */
function sparseRowsOf(backend: BackendWasm, instance: SimdInstance, a: number, aRow: number, aK: number, M: number, K: number): SparseRows | null {
  const limit = Math.floor(SPARSE_DENSITY * M * K);
  // idx: limit ints; vals: limit floats; starts: M + 1 ints
  const storage = backend.makeOutput([2 * limit + M + 1], 'float32');
  const idx = offsetOf(backend, storage);
  const vals = idx + limit * FLOAT;
  const starts = vals + limit * FLOAT;
  const { sparse_rows } = instance.kernels;
  // rows spread over A (a convolution's first patches are an image's empty border)
  const sample = Math.min(M, SPARSE_SAMPLE_ROWS);
  let sampled = 0;
  // (each row's entries go to idx and vals, which hold `limit`: a row with more counts as dense)
  const rowLimit = Math.min(K, limit);
  for (let j = 0; j < sample; j++) {
    const count = sparse_rows(a + Math.floor(((j + 0.5) * M) / sample) * aRow, aRow, aK, 1, K, rowLimit, idx, vals, starts);
    sampled += count < 0 ? K : count;
  }
  const sparse = sampled <= SPARSE_DENSITY * sample * K && sparse_rows(a, aRow, aK, M, K, limit, idx, vals, starts) >= 0;
  if (sparse) {
    sparseProducts++;
    return { storage, idx, vals, starts };
  }
  dispose(backend, storage);
  return null;
}

/** Flat batch index into an operand with batch dims `dims` for flat index `i` of the broadcast batch `out`. */
export function broadcastIndex(i: number, out: readonly number[], dims: readonly number[]): number {
  let idx = 0;
  let stride = 1;
  let rem = i;
  for (let k = out.length - 1, d = dims.length - 1; k >= 0; k--, d--) {
    const outDim = out[k]!;
    const coord = rem % outDim;
    rem = Math.floor(rem / outDim);
    if (d >= 0) {
      const dim = dims[d]!;
      if (dim !== 1) idx += coord * stride;
      stride *= dim;
    }
  }
  return idx;
}

const pools = new WeakMap<object, GemmPool>();

/** The pool started for this heap by `startGemmThreads`, if any. */
export function poolFor(instance: SimdInstance): GemmPool | null {
  return pools.get(instance.memory) ?? null;
}

/**
 * Starts `threads` − 1 helpers for our GEMM on this backend (where the heap is shared — tfjs runs
 * its threaded binary whenever the page is cross-origin isolated, whatever its own thread count —
 * and this thread can start workers) and resolves with the GEMM's thread count once they are ready.
 * Must be awaited before training: a nested worker starts only while its parent's event loop runs,
 * and a training step never yields. Gives up on helpers that are not ready in `timeoutMs`.
 */
export async function startGemmThreads(backend: BackendWasm, threads: number, timeoutMs = 5000): Promise<number> {
  const instance = simdInstance(backend);
  const helpers = Math.max(0, Math.floor(threads) - 1);
  if (!instance.shared || !canStartHelpers() || helpers === 0) return 1;
  let pool = pools.get(instance.memory);
  if (pool == null) {
    pool = createGemmPool(instance.module, instance.memory, helpers);
    pools.set(instance.memory, pool);
  }
  const deadline = Date.now() + timeoutMs;
  while (pool.participants() < pool.maxParticipants && !pool.failed() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return pool.participants();
}

const A_ROWS = 4;
const B_COLS = 8;
const FLOAT = 4;
const ceilTo = (n: number, m: number): number => Math.ceil(n / m) * m;

/**
 * A pass over one chunk of K sweeps the operand of the inner loop (B's panels when A's rows are
 * outside, else A's rows) once per outer block, so that operand's chunk should stay in L2: a long K
 * (a convolution's weight gradient sums over all N·OH·OW pixels: 7 744 for convnet-ch8's conv2,
 * 43 264 for conv1) is split into equal chunks whose swept part is at most this many floats.
 * Each further chunk re-reads C once.
 */
const SWEPT_FLOATS = 1 << 18; // 1 MiB

function chunkOf(K: number, M: number, N: number): number {
  const swept = Math.min(M, ceilTo(N, B_COLS));
  const longest = Math.max(256, Math.floor(SWEPT_FLOATS / swept));
  return Math.ceil(K / Math.ceil(K / longest));
}

/**
 * out[batch…, M, N] with `outBatch` the broadcast batch shape; the caller has checked the shapes
 * (K ≥ 1, M, N ≥ 1, float32).
 */
export function simdGemm(backend: BackendWasm, op: GemmOperands, dims: { M: number; N: number; K: number; outBatch: number[] }): TensorInfo {
  const { a, b, transposeA, transposeB, bias, relu } = op;
  const { M, N, K, outBatch } = dims;
  const batchDimsA = a.shape.slice(0, -2);
  const batchDimsB = b.shape.slice(0, -2);
  const batch = sizeOf(outBatch);
  const instance = simdInstance(backend);
  const kernels = instance.kernels;
  const pool = poolFor(instance);
  const participants = pool?.maxParticipants ?? 1;

  const chunk = chunkOf(K, M, N);
  const panels = Math.ceil(N / B_COLS);
  // A (M×K): stored [M, K], transposed [K, M] or in panels [M/4][K][4] — byte strides of a block
  // of 4 rows, of a row and of k; B (K×N): stored [K, N] or [N, K] (element strides of a column and of k)
  const [aBlock, aRow, aK] = op.packedA === true ? [K * A_ROWS * FLOAT, FLOAT, A_ROWS * FLOAT] : transposeA ? [A_ROWS * FLOAT, FLOAT, M * FLOAT] : [A_ROWS * K * FLOAT, K * FLOAT, FLOAT];
  const [bOuter, bK] = transposeB ? [K, 1] : [1, N];
  const aBase = offsetOf(backend, a);
  // (short rows, K < 64: a first convolution's 3×3 patches, the sparse product's per-row cost
  // outweighs what it skips — measured 1.7 vs 1.0 ms for convnet-ch8's conv1; narrow C, N < 32:
  // below the sparse kernel's 32-column slice)
  const nonZeros = op.sparseA === true && batch === 1 && !transposeB && op.packedA !== true && N >= 32 && K >= 64 ? sparseRowsOf(backend, instance, aBase, aRow, aK, M, K) : null;
  // packed B (the dense product reads it; the sparse one reads B in place): every chunk of K,
  // [chunk][panel][k][8] (ceil(N/8)·8·K floats); bias: ceil(N/8)·8; a partial tile per participant
  const bFloats = nonZeros != null ? 0 : panels * B_COLS * K;
  const biasFloats = panels * B_COLS;
  let scratch: TensorInfo | null = null;
  let out: TensorInfo | null = null;
  try {
    scratch = backend.makeOutput([bFloats + biasFloats + (participants * TILE_SCRATCH_BYTES) / FLOAT], 'float32');
    out = backend.makeOutput([...outBatch, M, N], 'float32');
    const bp = offsetOf(backend, scratch);
    const biasPtr = bp + bFloats * FLOAT;
    const tile = biasPtr + biasFloats * FLOAT;
    if (bias != null) kernels.gemm_pack(offsetOf(backend, bias), biasPtr, N, 1, B_COLS, 1, N);
    const bBase = offsetOf(backend, b);
    const cBase = offsetOf(backend, out);
    // keep the smaller operand in cache, stream the other past it
    const aOuter = M > panels * B_COLS ? 1 : 0;
    for (let i = 0; i < batch; i++) {
      // B is packed inside the shares (runShare), each thread its own panels
      const job = {
        a: aBase + broadcastIndex(i, outBatch, batchDimsA) * M * K * FLOAT,
        aBlock,
        aRow,
        aK,
        b: bBase + broadcastIndex(i, outBatch, batchDimsB) * K * N * FLOAT,
        bOuter,
        bK,
        bp,
        c: cBase + i * M * N * FLOAT,
        bias: bias != null ? biasPtr : 0,
        M,
        N,
        K,
        chunk,
        ldc: N,
        rowBlocks: Math.ceil(M / A_ROWS),
        panels,
        relu: relu ? 1 : 0,
        scratch: tile,
        aOuter,
        sparse: nonZeros != null ? 1 : 0,
        nzIdx: nonZeros?.idx ?? 0,
        nzVals: nonZeros?.vals ?? 0,
        nzStarts: nonZeros?.starts ?? 0,
      };
      if (pool != null) pool.run(kernels, job);
      else runAlone(kernels, job);
    }
  } catch (error) {
    dispose(backend, out);
    throw error;
  } finally {
    dispose(backend, scratch, nonZeros?.storage);
  }
  return out;
}
