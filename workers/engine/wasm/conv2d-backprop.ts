/**
 * Conv2D gradients for the wasm backend, two routes each:
 *
 * Conv2DBackpropFilter (missing from stock wasm: CNN training threw):
 *  - 'im2col': patches (SIMD im2col) + one GEMM of ours, dW = patchesᵀ·dy;
 *  - 'conv':   one XNNPACK convolution of xᵀ with dyᵀ as the filter, no im2col.
 * Conv2DBackpropInput (a scalar loop in stock wasm):
 *  - 'gemm': dy·Wᵀ (GEMM of ours) + the SIMD col2im scatter-add — no FLOPs on padding zeros;
 *  - 'conv': stride-1 XNNPACK convolution of dy (zero-inserted for strides, padded KH-1-padTop…)
 *            with the filter rotated 180° and its channels swapped.
 * 'auto' takes the GEMM routes (our GEMM runs at 40–50 GFLOP/s on one core here, XNNPACK's
 * convolutions at 15–30 on these shapes) and the XNNPACK ones only where WebAssembly SIMD is
 * missing; `setConvBackpropRoutes` forces one (tests run every route). Dilations > 1 never reach
 * these kernels (tfjs-core's conv2d gradient rejects them); NCHW is unsupported by wasm Conv2D as
 * well and throws.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { convInfo, dispose, run, stockKernels, transpose, view, type WasmKernelArgs, wasmKernel } from './kernel-utils.ts';
import { col2im, im2col, im2colPanels } from './im2col.ts';
import { simdGemm } from './gemm.ts';
import { wasmMatMul } from './matmul.ts';
import { offsetOf, simdKernels, simdSupported } from './simd/kernels.ts';

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

/** One input channel, every window inside the input (no padding reached), CO a multiple of 4. */
function oneChannelInside(c: tf.backend_util.Conv2DInfo): boolean {
  const inside = (c.outHeight - 1) * c.strideHeight + c.filterHeight <= c.inHeight && (c.outWidth - 1) * c.strideWidth + c.filterWidth <= c.inWidth;
  return c.inChannels === 1 && c.padInfo.top === 0 && c.padInfo.left === 0 && inside && c.outChannels % 4 === 0;
}

/** dW [KH, KW, CI, CO] = patchesᵀ · dy: a direct kernel for one input channel, else patches and one GEMM. */
function backpropFilterByIm2col(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const x = args.inputs.x!;
  const dy = args.inputs.dy!;
  const filterShape = args.attrs.filterShape as number[];
  const c = convInfo(args, x.shape, filterShape);
  const P = c.batchSize * c.outHeight * c.outWidth;
  const KKC = c.filterHeight * c.filterWidth * c.inChannels;
  if (oneChannelInside(c)) {
    // a first layer (convnet-ch8's conv1: 3×3×1 → 32): no patches and no packing — dy, the big
    // operand, read once (measured in Chromium: 2.8 ms on 2 threads → 2.1 ms on one)
    const dW = backend.makeOutput(filterShape, 'float32');
    const { batchSize: N, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW, filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = c;
    simdKernels(backend).conv_filter_grad_1ch(offsetOf(backend, x), offsetOf(backend, dy), offsetOf(backend, dW), N, H, W, OH, OW, KH, KW, sh, sw, c.outChannels);
    return dW;
  }
  if (c.inChannels % 4 === 0) {
    // patchesᵀ written straight into the GEMM's A panels: read transposed in place, every k would
    // fetch a cache line for 16 bytes of it (measured: convnet-ch8's conv2 dW GEMM 11.8 → 9.4 ms CPU
    // in Node, the whole kernel 6.8 → 6.1 ms in Chromium on 2 threads)
    const panels = im2colPanels(backend, x, c); // [KH·KW·CI / 4][P][4]
    try {
      const dW = simdGemm(backend, { a: panels, b: view(dy, [P, c.outChannels]), transposeA: false, transposeB: false, bias: null, relu: false, packedA: true }, { M: KKC, N: c.outChannels, K: P, outBatch: [] });
      dW.shape = filterShape.slice();
      return dW;
    } finally {
      dispose(backend, panels);
    }
  }
  const patches = im2col(backend, x, c); // [P, KH·KW·CI]
  try {
    const dW = wasmMatMul(backend, patches, view(dy, [P, c.outChannels]), true, false);
    dW.shape = filterShape.slice();
    return dW;
  } finally {
    dispose(backend, patches);
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
  const route = routes.filter === 'auto' ? (simdSupported() ? 'im2col' : 'conv') : routes.filter;
  return route === 'im2col' ? backpropFilterByIm2col(args) : backpropFilterByConv(args);
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
 * dx by GEMM + col2im: dcols [P, KH·KW·CI] = dy [P, CO] · Wᵀ (W viewed [KH·KW·CI, CO]), then the
 * SIMD scatter-add of the columns into dx. No FLOPs on padding zeros.
 */
function backpropInputByGemm(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const dy = args.inputs.dy!;
  const filter = args.inputs.filter!;
  const c = convInfo(args, args.attrs.inputShape as number[], filter.shape);
  const P = c.batchSize * c.outHeight * c.outWidth;
  const KKC = c.filterHeight * c.filterWidth * c.inChannels;
  const cols = wasmMatMul(backend, view(dy, [P, c.outChannels]), view(filter, [KKC, c.outChannels]), false, true); // [P, KKC]
  try {
    return col2im(backend, cols, c);
  } finally {
    dispose(backend, cols);
  }
}

function conv2DBackpropInput(args: WasmKernelArgs): TensorInfo {
  const route = routes.input === 'auto' ? (simdSupported() ? 'gemm' : 'conv') : routes.input;
  return route === 'gemm' ? backpropInputByGemm(args) : backpropInputByConv(args);
}

export const conv2DBackpropFilterConfig = wasmKernel(tf.Conv2DBackpropFilter, conv2DBackpropFilter);

export const conv2DBackpropInputConfig = wasmKernel(tf.Conv2DBackpropInput, conv2DBackpropInput);
