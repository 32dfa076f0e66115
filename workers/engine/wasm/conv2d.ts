/**
 * Conv2D / _FusedConv2D forward for the wasm backend as im2col + one GEMM of ours:
 *   out [N·OH·OW, CO] = patches [N·OH·OW, KH·KW·CI] · W [KH·KW·CI, CO] (+ bias, ReLU)
 * A 1×1 convolution with stride 1 and no padding needs no patches (x is already [N·H·W, CI]).
 * Measured against XNNPACK's convolution (stock) on convnet-ch8's layers, one thread, CPU time in
 * Node (baseline SIMD; the app's relaxed SIMD is faster still): conv3 (5×5×64 → 128) 2.6 vs 3.7 ms,
 * conv2 (13×13×32 → 64) 10.4 vs 9.4 ms, conv1 (28×28×1 → 32) 3.4 vs 3.0 ms. conv1 stayed on
 * XNNPACK until tfjs' pool went to one thread beside our GEMM's (backend.ts): with both on our
 * threads, the first layer's forward pass is 1.0 vs 1.4 ms in Chromium, the convnet step ~1.5 ms
 * shorter (`bench/kernel-profile.ts cnn --browser`, interleaved).
 * Anything else (NCHW, dilations, other fused activations, PReLU) keeps the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { convInfo, dispose, stockKernelFunc, view, type WasmKernelArgs, wasmKernel } from './kernel-utils.ts';
import { im2col } from './im2col.ts';
import { wasmMatMul } from './matmul.ts';


function convolution(args: WasmKernelArgs, kernelName: string, epilogue: { bias: TensorInfo | null; activation: string } | null): TensorInfo {
  const { backend } = args;
  const x = args.inputs.x!;
  const filter = args.inputs.filter!;
  const { dataFormat, dilations } = args.attrs as { dataFormat: 'NHWC' | 'NCHW'; dilations: [number, number] | number };
  const dilated = (Array.isArray(dilations) ? dilations : [dilations, dilations]).some((d) => d !== 1);
  if (epilogue == null || dataFormat === 'NCHW' || dilated || x.dtype !== 'float32' || x.shape.length !== 4) {
    return stockKernelFunc(kernelName)(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  const c = convInfo(args, x.shape, filter.shape);
  const P = c.batchSize * c.outHeight * c.outWidth;
  const KKC = c.filterHeight * c.filterWidth * c.inChannels;
  const pointwise = c.filterHeight === 1 && c.filterWidth === 1 && c.strideHeight === 1 && c.strideWidth === 1 && c.padInfo.top === 0 && c.padInfo.left === 0;
  const patches = pointwise ? null : im2col(backend, x, c);
  try {
    const out = wasmMatMul(backend, patches ?? view(x, [P, KKC]), view(filter, [KKC, c.outChannels]), false, false, {
      kernel: tf._FusedMatMul,
      inputs: epilogue.bias != null ? { bias: epilogue.bias } : {},
      attrs: { activation: epilogue.activation, leakyreluAlpha: 0 },
    });
    out.shape = [c.batchSize, c.outHeight, c.outWidth, c.outChannels];
    return out;
  } finally {
    dispose(backend, patches);
  }
}

function conv2D(args: WasmKernelArgs): TensorInfo {
  return convolution(args, tf.Conv2D, { bias: null, activation: 'linear' });
}

/** bias of CO elements with ReLU or nothing: ours; anything else: stock */
function fusedConv2D(args: WasmKernelArgs): TensorInfo {
  const { bias, preluActivationWeights, filter } = args.inputs;
  const activation = (args.attrs.activation as string | undefined) ?? 'linear';
  const outChannels = filter!.shape[3]!;
  const ours =
    preluActivationWeights == null &&
    (activation === 'linear' || activation === 'relu') &&
    (bias == null || (bias.dtype === 'float32' && bias.shape.reduce((a, b) => a * b, 1) === outChannels));
  return convolution(args, tf.FusedConv2D, ours ? { bias: bias ?? null, activation } : null);
}

export const conv2DConfig = wasmKernel(tf.Conv2D, conv2D);

export const fusedConv2DConfig = wasmKernel(tf.FusedConv2D, fusedConv2D);
