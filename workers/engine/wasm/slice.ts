/**
 * Slice for the wasm backend without the whole-input copy.
 *
 * Stock tfjs-backend-wasm 4.22's Slice starts with `backend.readSync(x.dataId)`, which copies the
 * ENTIRE input out of the wasm heap (`HEAPU8.slice`) before taking the slice. Cutting a 128-image
 * batch out of the 60 000-image training set thus copied 188 MB per step. This version reads
 * through a heap view (`typedArrayFromHeap`, taken after the output allocation since a heap growth
 * detaches views) and copies only the slice. Strings and rank > 4 go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { stockKernelFunc, type WasmKernelArgs, wasmKernel } from './kernel-utils.ts';

function slice(args: WasmKernelArgs): TensorInfo {
  const { backend, attrs } = args;
  const x = args.inputs.x!;
  if (x.dtype === 'string' || x.shape.length > 4) {
    return stockKernelFunc(tf.Slice)(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin as number[], attrs.size as number[]) as [number[], number[]];
  const out = backend.makeOutput(size, x.dtype);
  if (tf.util.sizeFromShape(size) === 0) return out;
  const xVals = backend.typedArrayFromHeap(x);
  const outVals = backend.typedArrayFromHeap(out);
  const strides = tf.util.computeStrides(x.shape);
  if (tf.slice_util.isSliceContinous(x.shape, begin, size)) {
    const offset = tf.slice_util.computeFlatOffset(begin, strides);
    outVals.set(xVals.subarray(offset, offset + outVals.length));
    return out;
  }
  // rank 2–4: copy contiguous innermost rows
  const rank = x.shape.length;
  const b = [0, 0, 0, 0];
  const s = [1, 1, 1, 1];
  const st = [0, 0, 0, 1];
  for (let i = 0; i < rank; i++) {
    b[4 - rank + i] = begin[i]!;
    s[4 - rank + i] = size[i]!;
    st[4 - rank + i] = i < rank - 1 ? strides[i]! : 1;
  }
  const row = s[3]!;
  let o = 0;
  for (let i = b[0]!; i < b[0]! + s[0]!; i++) {
    for (let j = b[1]!; j < b[1]! + s[1]!; j++) {
      for (let k = b[2]!; k < b[2]! + s[2]!; k++) {
        const from = i * st[0]! + j * st[1]! + k * st[2]! + b[3]!;
        outVals.set(xVals.subarray(from, from + row), o);
        o += row;
      }
    }
  }
  return out;
}

export const sliceConfig = wasmKernel(tf.Slice, slice);
