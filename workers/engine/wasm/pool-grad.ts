/**
 * MaxPoolGrad and AvgPoolGrad for the wasm backend.
 *
 * Stock tfjs-backend-wasm 4.22's MaxPoolGrad gives wrong gradients for most pool/stride/padding
 * combinations (e.g. 2×2 stride 2 'valid', the Keras default; see kernels.test.ts) and is slow
 * (~40 ms/step in convnet-ch8). This one runs in JS directly on the wasm heap with the cpu backend's
 * semantics: each output's gradient goes to the FIRST maximum of its window in row-major window
 * order (strict `>` from -∞, so NaN-only windows get none), summed where windows overlap.
 * One pass over the windows, channels innermost (NHWC), no index tensor.
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import { poolInfo, wasmKernel, type WasmKernelArgs } from './kernel-utils.ts';
import { offsetOf, simdSupported } from './simd/kernels.ts';
import { splitKernel } from './split.ts';

function maxPoolGrad(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const dy = args.inputs.dy!;
  const input = args.inputs.input!;
  const c = poolInfo(args, input.shape);
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const { strideHeight: sh, strideWidth: sw, effectiveFilterHeight: FH, effectiveFilterWidth: FW } = c;
  const padTop = c.padInfo.top;
  const padLeft = c.padInfo.left;

  const out = backend.makeOutput(input.shape, 'float32');
  // views AFTER the allocation: a heap growth detaches earlier views
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const inside = 2 * OH <= H && 2 * OW <= W; // no window hangs over 'same' padding
  if (FH === 2 && FW === 2 && sh === 2 && sw === 2 && padTop === 0 && padLeft === 0 && inside && c.dilationHeight === 1 && c.dilationWidth === 1) {
    if (C % 4 === 0 && simdSupported()) {
      // the same rule, 4 channels per SIMD lane group (~4× faster than the JS loop on conv1's maps)
      if (2 * OH !== H || 2 * OW !== W) dx.fill(0); // odd sizes: the last row/col belongs to no window
      // cut by image between the GEMM's threads (split.ts): n is argument 3
      const image = H * W * C * 4;
      const pooled = OH * OW * C * 4;
      const split = { units: N, strides: [image, pooled, image], count: { arg: 3, perUnit: 1, total: N }, bytes: N * (2 * image + pooled) };
      splitKernel(backend, 'max_pool_grad_2x2', [offsetOf(backend, input), offsetOf(backend, dy), offsetOf(backend, out), N, H, W, C, OH, OW], split);
    } else {
      maxPoolGrad2x2(x, g, dx, N, H, W, C, OH, OW);
    }
    return out;
  }
  dx.fill(0);

  const maxVal = new Float32Array(C);
  const maxIdx = new Int32Array(C);
  for (let b = 0; b < N; b++) {
    const xBatch = b * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * sh - padTop;
      const rMin = Math.max(0, r0);
      const rMax = Math.min(H, r0 + FH);
      for (let ow = 0; ow < OW; ow++) {
        const c0 = ow * sw - padLeft;
        const cMin = Math.max(0, c0);
        const cMax = Math.min(W, c0 + FW);
        maxVal.fill(-Infinity);
        maxIdx.fill(-1);
        for (let r = rMin; r < rMax; r++) {
          for (let col = cMin; col < cMax; col++) {
            const base = xBatch + (r * W + col) * C;
            for (let ch = 0; ch < C; ch++) {
              const v = x[base + ch]!;
              if (v > maxVal[ch]!) {
                maxVal[ch] = v;
                maxIdx[ch] = base + ch;
              }
            }
          }
        }
        const gBase = ((b * OH + oh) * OW + ow) * C;
        for (let ch = 0; ch < C; ch++) {
          const at = maxIdx[ch]!;
          if (at >= 0) dx[at] = dx[at]! + g[gBase + ch]!;
        }
      }
    }
  }
  return out;
}

/**
 * The Keras default (2×2, stride 2, no padding): windows don't overlap, so each input element gets
 * either its window's gradient or 0 — written once, no zero-fill pass, no accumulation.
 */
function maxPoolGrad2x2(x: Float32Array, g: Float32Array, dx: Float32Array, N: number, H: number, W: number, C: number, OH: number, OW: number): void {
  if (2 * OH !== H || 2 * OW !== W) dx.fill(0); // odd sizes: the last row/col belongs to no window
  const rowStride = W * C;
  let gi = 0;
  for (let b = 0; b < N; b++) {
    const xBatch = b * H * rowStride;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const i00 = xBatch + 2 * oh * rowStride + 2 * ow * C;
        const i01 = i00 + C;
        const i10 = i00 + rowStride;
        const i11 = i10 + C;
        for (let ch = 0; ch < C; ch++, gi++) {
          // first strict maximum from -∞ in window order (0,0), (0,1), (1,0), (1,1)
          let m = -Infinity;
          let pos = -1;
          const v0 = x[i00 + ch]!;
          if (v0 > m) { m = v0; pos = 0; }
          const v1 = x[i01 + ch]!;
          if (v1 > m) { m = v1; pos = 1; }
          const v2 = x[i10 + ch]!;
          if (v2 > m) { m = v2; pos = 2; }
          const v3 = x[i11 + ch]!;
          if (v3 > m) { pos = 3; }
          const grad = g[gi]!;
          dx[i00 + ch] = pos === 0 ? grad : 0;
          dx[i01 + ch] = pos === 1 ? grad : 0;
          dx[i10 + ch] = pos === 2 ? grad : 0;
          dx[i11 + ch] = pos === 3 ? grad : 0;
        }
      }
    }
  }
}

export const maxPoolGradConfig = wasmKernel(tf.MaxPoolGrad, maxPoolGrad);

/**
 * AvgPoolGrad: stock wasm is a per-input-pixel scalar loop (17 ms for convnet-sized maps). Here one
 * pass over the output windows adds dy into every in-bounds input of its window, times
 * 1 / (FH·FW) — the cpu backend's convention (a constant divisor, also for 'same' padding).
 */
function avgPoolGrad(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const dy = args.inputs.dy!;
  const input = args.inputs.input!;
  const c = poolInfo(args, input.shape);
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const { strideHeight: sh, strideWidth: sw, filterHeight: FH, filterWidth: FW } = c;
  const padTop = c.padInfo.top;
  const padLeft = c.padInfo.left;
  const mult = 1 / (FH * FW);

  const out = backend.makeOutput(input.shape, 'float32');
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  let gi = 0;
  for (let b = 0; b < N; b++) {
    const xBatch = b * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * sh - padTop;
      const rMin = Math.max(0, r0);
      const rMax = Math.min(H, r0 + FH);
      for (let ow = 0; ow < OW; ow++, gi += C) {
        const c0 = ow * sw - padLeft;
        const cMin = Math.max(0, c0);
        const cMax = Math.min(W, c0 + FW);
        for (let r = rMin; r < rMax; r++) {
          for (let col = cMin; col < cMax; col++) {
            const base = xBatch + (r * W + col) * C;
            for (let ch = 0; ch < C; ch++) dx[base + ch] = dx[base + ch]! + g[gi + ch]!;
          }
        }
      }
    }
  }
  for (let i = 0; i < dx.length; i++) dx[i] = dx[i]! * mult;
  return out;
}

export const avgPoolGradConfig = wasmKernel(tf.AvgPoolGrad, avgPoolGrad);
