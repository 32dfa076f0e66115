/**
 * BatchMatMul / _FusedMatMul for the wasm backend that always reach XNNPACK.
 *
 * Stock tfjs-backend-wasm 4.22 (`src/cc/batch_mat_mul_impl.cc`) uses XNNPACK's fully-connected
 * operator only when neither operand is transposed AND both batch dims are 1; everything else runs
 * a scalar triple loop (~1–2 GFLOP/s vs ~30). The gradients of every Dense layer are exactly such
 * matmuls (dW = xᵀ·dy, dx = dy·Wᵀ), so training was ~50 s/epoch.
 *
 * Here we (1) materialise the transposes with the wasm `Transpose` kernel (memory-bound, cheap next
 * to the GEMM), (2) fold the batch dims of `a` into its rows when `b` has no batch (one GEMM), or
 * (3) otherwise loop over the batch with batch-1 slices, and call the stock kernel with
 * `transposeA = transposeB = false` so every GEMM takes the XNNPACK path. Bias, activation,
 * leakyrelu alpha and PReLU weights are passed through unchanged to the stock fused kernel, so their
 * semantics are the stock ones.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { batchTranspose, dispose, run, sizeOf, view, type WasmKernelArgs, wasmKernel } from './kernel-utils.ts';
import { broadcastIndex, simdGemm } from './gemm.ts';
import { simdSupported } from './simd/kernels.ts';

interface MatMulExtras {
  /** stock kernel to run per GEMM: BatchMatMul or _FusedMatMul */
  kernel: string;
  /** extra inputs of _FusedMatMul (bias, preluActivationWeights) */
  inputs: Record<string, TensorInfo>;
  /** extra attrs of _FusedMatMul (activation, leakyreluAlpha) */
  attrs: NamedAttrMap;
}

function broadcastShape(a: number[], b: number[]): number[] {
  return tf.broadcast_util.assertAndGetBroadcastShape(a, b);
}

/**
 * out = op(a)·op(b) with XNNPACK for every GEMM. `a`, `b` of any rank ≥ 2 with broadcastable outer dims.
 * Returns a new TensorInfo owned by the caller.
 */
export function wasmMatMul(
  backend: BackendWasm,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  extras: MatMulExtras = { kernel: tf.BatchMatMul, inputs: {}, attrs: {} },
): TensorInfo {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') {
    throw new Error(`${extras.kernel} on wasm supports float32 only (got ${a.dtype}, ${b.dtype})`);
  }
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  const M = transposeA ? a.shape[aRank - 1]! : a.shape[aRank - 2]!;
  const K = transposeA ? a.shape[aRank - 2]! : a.shape[aRank - 1]!;
  const Kb = transposeB ? b.shape[bRank - 1]! : b.shape[bRank - 2]!;
  const N = transposeB ? b.shape[bRank - 2]! : b.shape[bRank - 1]!;
  if (K !== Kb) {
    throw new Error(
      `Error in matMul: inner shapes (${K}) and (${Kb}) of Tensors with shapes ${a.shape} and ${b.shape} ` +
        `and transposeA=${transposeA} and transposeB=${transposeB} must match.`,
    );
  }
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const outer = broadcastShape(outerA, outerB);
  const outShape = [...outer, M, N];
  const gemmEpilogue = simdEpilogue(extras, N);
  if (gemmEpilogue != null && simdSupported() && M > 0 && N > 0 && K > 0) {
    return simdGemm(backend, { a, b, transposeA, transposeB, ...gemmEpilogue, sparseA: true }, { M, N, K, outBatch: outer });
  }
  const batchA = sizeOf(outerA);
  const batchB = sizeOf(outerB);
  const batch = sizeOf(outer);

  // 3-D operands without transposes: a3 [batchA, M, K], b3 [batchB, K, N].
  const ownedA = transposeA ? batchTranspose(backend, a, batchA, K, M) : null;
  const ownedB = transposeB ? batchTranspose(backend, b, batchB, N, K) : null;
  const a3 = ownedA ?? view(a, [batchA, M, K]);
  const b3 = ownedB ?? view(b, [batchB, K, N]);

  const gemm = (x: TensorInfo, y: TensorInfo): TensorInfo =>
    run(extras.kernel, backend, { a: x, b: y, ...extras.inputs }, { ...extras.attrs, transposeA: false, transposeB: false });

  let out: TensorInfo;
  try {
    if (batchB === 1 && batchA === batch) {
      // Fold a's batch into its rows: one [batchA·M, K]·[K, N] GEMM.
      out = gemm(view(a3, [1, batchA * M, K]), view(b3, [1, K, N]));
    } else if (batch === 0 || M === 0 || N === 0 || K === 0) {
      out = run(tf.BatchMatMul, backend, { a: a3, b: b3 }, { transposeA: false, transposeB: false });
    } else {
      const parts: TensorInfo[] = [];
      try {
        for (let i = 0; i < batch; i++) {
          const ia = broadcastIndex(i, outer, outerA);
          const ib = broadcastIndex(i, outer, outerB);
          const ai = batchA === 1 ? null : run(tf.Slice, backend, { x: a3 }, { begin: [ia, 0, 0], size: [1, M, K] });
          const bi = batchB === 1 ? null : run(tf.Slice, backend, { x: b3 }, { begin: [ib, 0, 0], size: [1, K, N] });
          try {
            parts.push(gemm(ai ?? a3, bi ?? b3));
          } finally {
            dispose(backend, ai, bi);
          }
        }
        out = run(tf.Concat, backend, parts as unknown as Record<string, TensorInfo>, { axis: 0 });
      } finally {
        dispose(backend, ...parts);
      }
    }
  } finally {
    dispose(backend, ownedA, ownedB);
  }
  out.shape = outShape;
  return out;
}

/**
 * What our GEMM must add after the product, when it can: a bias of N elements and ReLU or nothing.
 * Other bias shapes and activations (and PReLU) keep the stock fused kernel: null.
 */
function simdEpilogue(extras: MatMulExtras, N: number): { bias: TensorInfo | null; relu: boolean } | null {
  const { bias, preluActivationWeights } = extras.inputs;
  const activation = extras.attrs.activation ?? 'linear';
  if (preluActivationWeights != null || (activation !== 'linear' && activation !== 'relu')) return null;
  if (bias != null && (bias.dtype !== 'float32' || sizeOf(bias.shape) !== N)) return null;
  return { bias: bias ?? null, relu: activation === 'relu' };
}

function batchMatMul(args: WasmKernelArgs): TensorInfo {
  const { inputs, backend, attrs } = args;
  return wasmMatMul(backend, inputs.a!, inputs.b!, attrs.transposeA === true, attrs.transposeB === true);
}

function fusedMatMul(args: WasmKernelArgs): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b, bias, preluActivationWeights } = inputs;
  const extraInputs: Record<string, TensorInfo> = {};
  if (bias != null) extraInputs.bias = bias;
  if (preluActivationWeights != null) extraInputs.preluActivationWeights = preluActivationWeights;
  return wasmMatMul(backend, a!, b!, attrs.transposeA === true, attrs.transposeB === true, {
    kernel: tf._FusedMatMul,
    inputs: extraInputs,
    attrs: { activation: attrs.activation ?? 'linear', leakyreluAlpha: attrs.leakyreluAlpha ?? 0 },
  });
}

export const batchMatMulConfig = wasmKernel(tf.BatchMatMul, batchMatMul);

export const fusedMatMulConfig = wasmKernel(tf._FusedMatMul, fusedMatMul);
