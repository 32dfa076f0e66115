/**
 * MaxPool forward for the wasm backend: the Keras default (2×2, stride 2, 'valid', NHWC) with
 * channels a multiple of 4 as one SIMD pass of ours, cut by image between the GEMM's threads
 * (split.ts) — tfjs' XNNPACK pooling runs on tfjs' own pool, which has one thread beside ours
 * (backend.ts). The maximum is taken as the cpu backend takes it (strict > from −∞), the rule our
 * gradient (pool-grad.ts) routes by. Every other pooling keeps the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { poolInfo, stockKernelFunc, wasmKernel, type WasmKernelArgs } from './kernel-utils.ts';
import { offsetOf } from './simd/kernels.ts';
import { splitKernel } from './split.ts';

function maxPool(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const x = args.inputs.x!;
  const stock = (): TensorInfo => stockKernelFunc(tf.MaxPool)(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  if (x.dtype !== 'float32' || x.shape.length !== 4) return stock();
  const c = poolInfo(args, x.shape);
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const twoByTwo = c.effectiveFilterHeight === 2 && c.effectiveFilterWidth === 2 && c.strideHeight === 2 && c.strideWidth === 2;
  const inside = c.padInfo.top === 0 && c.padInfo.left === 0 && 2 * OH <= H && 2 * OW <= W;
  if (!twoByTwo || !inside || C % 4 !== 0) return stock();
  const y = backend.makeOutput([N, OH, OW, C], 'float32');
  // n is argument 2; per image: x's and y's floats
  const image = H * W * C * 4;
  const pooled = OH * OW * C * 4;
  const split = { units: N, strides: [image, pooled], count: { arg: 2, perUnit: 1, total: N }, bytes: N * (image + pooled) };
  splitKernel(backend, 'max_pool_2x2', [offsetOf(backend, x), offsetOf(backend, y), N, H, W, C, OH, OW], split);
  return y;
}

export const maxPoolConfig = wasmKernel(tf.MaxPool, maxPool);
