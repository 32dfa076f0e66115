/**
 * Conv2D gradients for the wasm backend: every FLOP goes through XNNPACK (GEMM or convolution),
 * the data movement around it is stock wasm kernels (Transpose, PadV2, Slice, Reverse) or a single
 * JS pass over the wasm heap (im2col / col2im).
 *
 * Conv2DBackpropFilter (missing from stock wasm: CNN training threw), two routes:
 *  - 'im2col': patches (JS) + one GEMM — for small KH·KW·CI (first layers);
 *  - 'conv':   one XNNPACK convolution of xᵀ with dyᵀ as the filter, no im2col — for deep layers.
 * Conv2DBackpropInput (a scalar loop in stock wasm), two routes:
 *  - 'conv': stride-1 XNNPACK convolution of dy (zero-inserted for strides, padded KH-1-padTop…)
 *            with the filter rotated 180° and its channels swapped — for large feature maps;
 *  - 'gemm': dy·Wᵀ (XNNPACK GEMM) + a JS col2im scatter-add — for small feature maps, where the
 *            full convolution would mostly multiply padding zeros, and for few input channels.
 * 'auto' picks by a cost model fitted on convnet-ch8's layers; `setConvBackpropRoutes` forces one
 * (tests run every route). Dilations > 1 never reach these kernels (tfjs-core's conv2d gradient
 * rejects them); NCHW is unsupported by wasm Conv2D as well and throws.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { batchTranspose, dispose, run, stockKernels, transpose, view, type WasmKernelArgs } from './kernel-utils.ts';
import { xnnMatMul } from './matmul.ts';

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

function convInfo(args: WasmKernelArgs, xShape: number[], filterShape: number[]): tf.backend_util.Conv2DInfo {
  const { strides, pad, dataFormat, dimRoundingMode } = args.attrs as {
    strides: [number, number] | number;
    pad: Pad;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC'),
  );
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`wasm Conv2D gradients support dataFormat 'NHWC' only (got ${dataFormat})`);
  }
  return info;
}

/**
 * dW as ONE XNNPACK convolution, no im2col: with the batch and channel roles swapped,
 *   dW[kh, kw, ci, co] = Σ_{n, oh, ow} x[n, oh·s + kh - pt, ow·s + kw - pl, ci] · dy[n, oh, ow, co]
 * is a 'valid' convolution of xᵀ = [CI, H, W, N] (batch CI, channels N) with the filter
 * dyᵀ = [OH, OW, N, CO] dilated by the stride, padded (pt, pl): out [CI, KH, KW, CO] → [KH, KW, CI, CO].
 * XNNPACK packs dyᵀ once and runs an indirect GEMM with K = OH·OW·N.
 */
function backpropFilterByConv(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const x = args.inputs.x!;
  const dy = args.inputs.dy!;
  const filterShape = args.attrs.filterShape as number[];
  const c = convInfo(args, x.shape, filterShape);
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: CI, outChannels: CO, outHeight: OH, outWidth: OW } = c;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  // padding after the input so that the conv output is exactly KH × KW (never negative: crop instead)
  const pb = KH - 1 + (OH - 1) * sh + 1 - H - pt;
  const pr = KW - 1 + (OW - 1) * sw + 1 - W - pl;

  const owned: TensorInfo[] = [];
  try {
    let xt = transpose(backend, x, [3, 1, 2, 0]); // [CI, H, W, N]
    owned.push(xt);
    if (pb < 0 || pr < 0) {
      // trailing input rows/cols no window reaches
      const cropped = run(tf.Slice, backend, { x: xt }, { begin: [0, 0, 0, 0], size: [CI, H + Math.min(pb, 0), W + Math.min(pr, 0), N] });
      owned.push(cropped);
      xt = cropped;
    }
    const dyt = transpose(backend, dy, [1, 2, 0, 3]); // [OH, OW, N, CO]
    owned.push(dyt);
    const out = run(tf.Conv2D, backend, { x: xt, filter: dyt }, {
      strides: [1, 1],
      pad: [[0, 0], [pt, Math.max(pb, 0)], [pl, Math.max(pr, 0)], [0, 0]],
      dataFormat: 'NHWC',
      dilations: [sh, sw],
    }); // [CI, KH, KW, CO]
    owned.push(out);
    if (out.shape[1] !== KH || out.shape[2] !== KW) {
      throw new Error(`Conv2DBackpropFilter: got ${out.shape}, expected [${CI}, ${KH}, ${KW}, ${CO}]`);
    }
    return transpose(backend, out, [1, 2, 0, 3]);
  } finally {
    dispose(backend, ...owned);
  }
}

/**
 * patchesᵀ [KH·KW·CI, N·OH·OW] of x (NHWC) in one JS pass over the wasm heap: row (kh, kw, ci) =
 * the filter's row order, column (n, oh, ow); zeros where the window hangs over the padding.
 */
function im2colT(args: WasmKernelArgs, x: TensorInfo, c: tf.backend_util.Conv2DInfo): TensorInfo {
  const { backend } = args;
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW } = c;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  const P = N * OH * OW;
  const out = backend.makeOutput([KH * KW * CI, P], 'float32');
  const xv = backend.typedArrayFromHeap(x) as Float32Array;
  const ov = backend.typedArrayFromHeap(out) as Float32Array;
  let o = 0;
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      // valid ow range for this kw: 0 ≤ ow·sw + kw - pl < W
      const owLo = Math.max(0, Math.ceil((pl - kw) / sw));
      const owHi = Math.min(OW, Math.floor((W - 1 + pl - kw) / sw) + 1);
      for (let ci = 0; ci < CI; ci++) {
        for (let n = 0; n < N; n++) {
          for (let oh = 0; oh < OH; oh++) {
            const ih = oh * sh + kh - pt;
            if (ih < 0 || ih >= H || owHi <= owLo) {
              ov.fill(0, o, o + OW);
              o += OW;
              continue;
            }
            let ow = 0;
            for (; ow < owLo; ow++) ov[o++] = 0;
            let at = ((n * H + ih) * W + (owLo * sw + kw - pl)) * CI + ci;
            const step = sw * CI;
            for (; ow < owHi; ow++, at += step) ov[o++] = xv[at]!;
            for (; ow < OW; ow++) ov[o++] = 0;
          }
        }
      }
    }
  }
  return out;
}

/** patches [N·OH·OW, KH·KW·CI] of x (NHWC): one row per output pixel, in the filter's row order. */
function im2col(args: WasmKernelArgs, x: TensorInfo, c: tf.backend_util.Conv2DInfo): TensorInfo {
  const { backend } = args;
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: CI, outHeight: OH, outWidth: OW } = c;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  const out = backend.makeOutput([N * OH * OW, KH * KW * CI], 'float32');
  const xv = backend.typedArrayFromHeap(x) as Float32Array;
  const ov = backend.typedArrayFromHeap(out) as Float32Array;
  let o = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh + kh - pt;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw + kw - pl;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
              for (let ci = 0; ci < CI; ci++) ov[o++] = 0;
            } else {
              for (let ci = 0, at = ((n * H + ih) * W + iw) * CI; ci < CI; ci++) ov[o++] = xv[at + ci]!;
            }
          }
        }
      }
    }
  }
  return out;
}

/**
 * dW by im2col + one XNNPACK GEMM; best when KH·KW·CI is small (first layers). XNNPACK packs its
 * right operand anew for every new tensor (~2 ns/float), so the smaller of dy [P, CO] and the
 * patches [P, KKC] goes right: dW = patchesᵀ·dy, or dWᵀ = dyᵀ·patches (dy transposed first).
 */
function backpropFilterByIm2col(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const x = args.inputs.x!;
  const dy = args.inputs.dy!;
  const filterShape = args.attrs.filterShape as number[];
  const c = convInfo(args, x.shape, filterShape);
  const rows = c.filterHeight * c.filterWidth * c.inChannels;
  const P = c.batchSize * c.outHeight * c.outWidth;
  const CO = c.outChannels;
  if (2 * rows < CO) {
    // dWᵀ [CO, KKC] = dyᵀ [CO, P] · patches [P, KKC]
    const owned: TensorInfo[] = [];
    try {
      const dyT = batchTranspose(backend, dy, 1, P, CO);
      owned.push(dyT);
      const patches = im2col(args, x, c);
      owned.push(patches);
      const dWT = xnnMatMul(backend, view(dyT, [CO, P]), patches, false, false);
      owned.push(dWT);
      const dW = batchTranspose(backend, dWT, 1, CO, rows);
      dW.shape = filterShape.slice();
      return dW;
    } finally {
      dispose(backend, ...owned);
    }
  }
  const patchesT = im2colT(args, x, c);
  try {
    const dW = xnnMatMul(backend, patchesT, view(dy, [P, CO]), false, false);
    dW.shape = filterShape.slice();
    return dW;
  } finally {
    dispose(backend, patchesT);
  }
}

export type BackpropFilterRoute = 'auto' | 'im2col' | 'conv';
export type BackpropInputRoute = 'auto' | 'conv' | 'gemm';
const routes: { filter: BackpropFilterRoute; input: BackpropInputRoute } = { filter: 'auto', input: 'auto' };

/** Forces an implementation route (tests cover every route; benchmarks compare them). */
export function setConvBackpropRoutes(r: Partial<typeof routes>): void {
  Object.assign(routes, r);
}

function conv2DBackpropFilter(args: WasmKernelArgs): TensorInfo {
  if (routes.filter === 'im2col') return backpropFilterByIm2col(args);
  if (routes.filter === 'conv') return backpropFilterByConv(args);
  const x = args.inputs.x!;
  const filterShape = args.attrs.filterShape as number[];
  const c = convInfo(args, x.shape, filterShape);
  const P = c.batchSize * c.outHeight * c.outWidth;
  // memory traffic besides the (equal) GEMM: im2col writes KH·KW·CI·P floats; the conv route
  // transposes dy (P·CO) and x (N·H·W·CI)
  // (JS writes of the im2col pass measured ~2× cheaper per float than the transposes + conv setup)
  const im2col = 0.5 * c.filterHeight * c.filterWidth * c.inChannels * P;
  const byConv = P * c.outChannels + c.batchSize * c.inHeight * c.inWidth * c.inChannels;
  return im2col <= byConv ? backpropFilterByIm2col(args) : backpropFilterByConv(args);
}

function backpropInputByConv(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const dy = args.inputs.dy!;
  const filter = args.inputs.filter!;
  const inputShape = args.attrs.inputShape as number[];
  const c = convInfo(args, inputShape, filter.shape);
  const { batchSize: N, inHeight: IH, inWidth: IW, outChannels: CO, outHeight: OH, outWidth: OW } = c;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = c;
  const padTop = KH - 1 - c.padInfo.top;
  const padLeft = KW - 1 - c.padInfo.left;
  if (padTop < 0 || padLeft < 0) {
    const stock = stockKernels.get(tf.Conv2DBackpropInput);
    if (stock == null) throw new Error('Conv2DBackpropInput: unsupported padding');
    return stock.kernelFunc(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }

  const owned: TensorInfo[] = [];
  try {
    let dyd: TensorInfo = dy;
    // rows/cols of the (dilated) dy; with zero insertion they include the s-1 trailing zeros
    let rows = OH;
    let cols = OW;
    if (sh > 1 || sw > 1) {
      // zero insertion: [N, OH, 1, OW, 1, CO] → pad → [N, OH, sh, OW, sw, CO] → [N, OH·sh, OW·sw, CO]
      const dil = run(tf.PadV2, backend, { x: view(dy, [N, OH, 1, OW, 1, CO]) }, {
        paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
        constantValue: 0,
      });
      owned.push(dil);
      rows = OH * sh;
      cols = OW * sw;
      dyd = view(dil, [N, rows, cols, CO]);
    }
    // a stride-1 'valid' conv over padTop + rows + padBottom rows yields IH rows
    let padBottom = IH + KH - 1 - padTop - rows;
    let padRight = IW + KW - 1 - padLeft - cols;
    if (padBottom < 0 || padRight < 0) {
      const keepRows = rows + Math.min(padBottom, 0);
      const keepCols = cols + Math.min(padRight, 0);
      const cropped = run(tf.Slice, backend, { x: dyd }, { begin: [0, 0, 0, 0], size: [N, keepRows, keepCols, CO] });
      owned.push(cropped);
      dyd = cropped;
      padBottom = Math.max(padBottom, 0);
      padRight = Math.max(padRight, 0);
    }
    // W [KH, KW, CI, CO] → rotate 180° → [KH, KW, CO, CI]
    const rotated = run(tf.Reverse, backend, { x: filter }, { dims: [0, 1] });
    owned.push(rotated);
    const wT = transpose(backend, rotated, [0, 1, 3, 2]);
    owned.push(wT);
    const dx = run(tf.Conv2D, backend, { x: dyd, filter: wT }, {
      strides: [1, 1],
      pad: [[0, 0], [padTop, padBottom], [padLeft, padRight], [0, 0]],
      dataFormat: 'NHWC',
      dilations: [1, 1],
    });
    if (dx.shape[1] !== IH || dx.shape[2] !== IW) {
      dispose(backend, dx);
      throw new Error(`Conv2DBackpropInput: got ${dx.shape}, expected ${inputShape}`);
    }
    return dx;
  } finally {
    dispose(backend, ...owned);
  }
}

/**
 * dx by GEMM + col2im: dcols [P, KH·KW·CI] = dy [P, CO] · Wᵀ (XNNPACK; W is [KH·KW·CI, CO]), then a
 * JS scatter-add of the columns into dx on the wasm heap. No FLOPs on padding zeros, so it beats
 * the full convolution when the spatial size is small next to the kernel (deep layers).
 */
function backpropInputByGemm(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const dy = args.inputs.dy!;
  const filter = args.inputs.filter!;
  const inputShape = args.attrs.inputShape as number[];
  const c = convInfo(args, inputShape, filter.shape);
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: CI, outChannels: CO, outHeight: OH, outWidth: OW } = c;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  const P = N * OH * OW;
  const KKC = KH * KW * CI;
  const cols = xnnMatMul(backend, view(dy, [P, CO]), view(filter, [KKC, CO]), false, true); // [P, KKC]
  try {
    const dx = backend.makeOutput(inputShape, 'float32');
    const cv = backend.typedArrayFromHeap(cols) as Float32Array;
    const dv = backend.typedArrayFromHeap(dx) as Float32Array;
    dv.fill(0);
    let p = 0;
    for (let n = 0; n < N; n++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, p++) {
          const colBase = p * KKC;
          for (let kh = 0; kh < KH; kh++) {
            const ih = oh * sh + kh - pt;
            if (ih < 0 || ih >= H) continue;
            for (let kw = 0; kw < KW; kw++) {
              const iw = ow * sw + kw - pl;
              if (iw < 0 || iw >= W) continue;
              const d0 = ((n * H + ih) * W + iw) * CI;
              const c0 = colBase + (kh * KW + kw) * CI;
              for (let ci = 0; ci < CI; ci++) dv[d0 + ci] = dv[d0 + ci]! + cv[c0 + ci]!;
            }
          }
        }
      }
    }
    return dx;
  } finally {
    dispose(backend, cols);
  }
}

function conv2DBackpropInput(args: WasmKernelArgs): TensorInfo {
  if (routes.input === 'conv') return backpropInputByConv(args);
  if (routes.input === 'gemm') return backpropInputByGemm(args);
  const filter = args.inputs.filter!;
  const c = convInfo(args, args.attrs.inputShape as number[], filter.shape);
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: CI, outChannels: CO, outHeight: OH, outWidth: OW } = c;
  const KK = c.filterHeight * c.filterWidth;
  // FLOP-equivalents (fitted on convnet-ch8's layers): the full conv multiplies every input pixel by
  // the whole kernel and its GEMM has only CI output columns (XNNPACK is poor below ~16); the GEMM
  // route does only real pairs plus a JS scatter-add per column element (~70 FLOP-equivalents).
  const byConv = (2 * N * H * W * CI * KK * CO) / Math.min(1, CI / 16);
  const byGemm = 2 * N * OH * OW * KK * CI * CO + 70 * N * OH * OW * KK * CI;
  return byGemm < byConv ? backpropInputByGemm(args) : backpropInputByConv(args);
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
