/**
 * Sum over the LEADING axes (a bias gradient: dy [N, H, W, C] → [C]) as one SIMD column sum.
 * Stock wasm Sum transposes the reduced axes innermost first (a full copy of dy) and then reduces;
 * for convnet-ch8's conv1 that was 14 ms of a step. Every other reduction goes to the stock kernel.
 * Rows are added in order in float32 (stock wasm also accumulates in float32).
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import { run, sizeOf, type WasmKernelArgs, wasmKernel } from './kernel-utils.ts';
import { offsetOf, simdKernels } from './simd/kernels.ts';

function sum(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const x = args.inputs.x!;
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(args.attrs.axis as number | number[], x.shape).sort((a, b) => a - b);
  const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
  const rows = sizeOf(x.shape.slice(0, axes.length));
  if (!leading || x.dtype !== 'float32' || rows === 0) return run(tf.Sum, backend, { x }, args.attrs);
  const kept = x.shape.slice(axes.length);
  const shape = args.attrs.keepDims === true ? [...axes.map(() => 1), ...kept] : kept;
  const out = backend.makeOutput(shape, 'float32');
  simdKernels(backend).column_sum(offsetOf(backend, x), offsetOf(backend, out), rows, sizeOf(kept));
  return out;
}

export const sumConfig = wasmKernel(tf.Sum, sum);
