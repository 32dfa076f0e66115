/**
 * Convolution patches on the wasm heap with our SIMD kernels (simd/im2col.wat), NHWC float32:
 * `im2col` x → patches [N·OH·OW, KH·KW·CI] (the filter's row order, zeros over padding) and its
 * adjoint `col2im` patches → dx (scatter-add). They turn every convolution pass into one GEMM.
 * Both are cut by image between the GEMM's threads (split.ts): images are independent.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs';
import { offsetOf, simdKernels } from './simd/kernels.ts';
import { splitKernel, type Split } from './split.ts';

type Geometry = [number, number, number, number, number, number, number, number, number, number, number, number];

/** N H W CI OH OW KH KW sh sw pt pl, the kernels' argument order */
function geometry(c: tf.backend_util.Conv2DInfo): Geometry {
  return [
    c.batchSize,
    c.inHeight,
    c.inWidth,
    c.inChannels,
    c.outHeight,
    c.outWidth,
    c.filterHeight,
    c.filterWidth,
    c.strideHeight,
    c.strideWidth,
    c.padInfo.top,
    c.padInfo.left,
  ];
}

/** The two kernels cut by image: x's image and its patches are `first` and `second` per unit. */
function byImage(c: tf.backend_util.Conv2DInfo, first: number, second: number): Split {
  // N is argument 2 (geometry's first)
  return { units: c.batchSize, strides: [first * 4, second * 4], count: { arg: 2, perUnit: 1, total: c.batchSize }, bytes: (first + second) * 4 * c.batchSize };
}
const imageFloats = (c: tf.backend_util.Conv2DInfo): number => c.inHeight * c.inWidth * c.inChannels;
const patchFloats = (c: tf.backend_util.Conv2DInfo): number => c.outHeight * c.outWidth * c.filterHeight * c.filterWidth * c.inChannels;

/** patches [N·OH·OW, KH·KW·CI] of x [N, H, W, CI]; owned by the caller */
export function im2col(backend: BackendWasm, x: TensorInfo, c: tf.backend_util.Conv2DInfo): TensorInfo {
  const out = backend.makeOutput([c.batchSize * c.outHeight * c.outWidth, c.filterHeight * c.filterWidth * c.inChannels], 'float32');
  splitKernel(backend, 'im2col', [offsetOf(backend, x), offsetOf(backend, out), ...geometry(c)], byImage(c, imageFloats(c), patchFloats(c)));
  return out;
}

/**
 * patchesᵀ as our GEMM's A panels [KH·KW·CI / 4][N·OH·OW][4], for CI a multiple of 4 (shape
 * [KH·KW·CI / 4, 4·N·OH·OW]); owned by the caller
 */
export function im2colPanels(backend: BackendWasm, x: TensorInfo, c: tf.backend_util.Conv2DInfo): TensorInfo {
  const P = c.batchSize * c.outHeight * c.outWidth;
  const out = backend.makeOutput([(c.filterHeight * c.filterWidth * c.inChannels) / 4, 4 * P], 'float32');
  // by image: its pixels' 16 bytes in every panel start OH·OW·16 bytes after the previous image's
  const split = byImage(c, imageFloats(c), c.outHeight * c.outWidth * 4);
  splitKernel(backend, 'im2col_panels', [offsetOf(backend, x), offsetOf(backend, out), ...geometry(c), P], { ...split, bytes: 4 * (imageFloats(c) + patchFloats(c)) * c.batchSize });
  return out;
}

/** dx [N, H, W, CI] = Σ of the patch gradients `cols` [N·OH·OW, KH·KW·CI] over the pixels they came from */
export function col2im(backend: BackendWasm, cols: TensorInfo, c: tf.backend_util.Conv2DInfo): TensorInfo {
  const dx = backend.makeOutput([c.batchSize, c.inHeight, c.inWidth, c.inChannels], 'float32');
  const zero = (): void => void (backend.typedArrayFromHeap(dx) as Float32Array).fill(0);
  zero();
  const args = [offsetOf(backend, cols), offsetOf(backend, dx), ...geometry(c)];
  // col2im adds into dx: done again, it starts from zero again
  const redo = (): void => {
    zero();
    simdKernels(backend).col2im(args[0]!, args[1]!, ...geometry(c));
  };
  splitKernel(backend, 'col2im', args, { ...byImage(c, patchFloats(c), imageFloats(c)), redo });
  return dx;
}
