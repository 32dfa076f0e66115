/**
 * Identity for wasm without a copy.
 *
 * The engine clones every tensor it saves for the backward pass (`saveTensorsForBackwardMode`),
 * through the Identity kernel; stock wasm copies the buffer each time (40 copies per convnet-ch8
 * step, up to 11 MB each). TF.js tensors are immutable (a variable's `assign` swaps its dataId,
 * it never writes in place), so sharing the buffer with a reference count is safe — it is what the
 * cpu backend's Identity and wasm's own Reshape do. Strings go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { stockKernelFunc, type WasmKernelArgs, wasmKernel } from './kernel-utils.ts';

function identity(args: WasmKernelArgs): TensorInfo {
  const x = args.inputs.x!;
  if (x.dtype === 'string') return stockKernelFunc(tf.Identity)(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
}

export const identityConfig = wasmKernel(tf.Identity, identity);
