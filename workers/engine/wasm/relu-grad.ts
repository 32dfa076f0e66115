/**
 * ReLU backward in one SIMD pass on wasm. tfjs' Relu gradient is mul(dy, cast(step(x))): three
 * kernels and three passes over the activation (64×26×26×32 floats for convnet-ch8's conv1).
 * The gradient registry is global, so the override falls back to the stock formula on every
 * other backend. Results are identical except where x is NaN (stock: NaN, here: 0; the loss is
 * NaN then anyway and training stops).
 */
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, TensorInfo } from '@tensorflow/tfjs';
import { wasmKernel, type WasmKernelArgs } from './kernel-utils.ts';
import { offsetOf } from './simd/kernels.ts';
import { elementwise, splitKernel } from './split.ts';

export const RELU_GRAD = 'MnistLabReluGrad';

function reluGrad(args: WasmKernelArgs): TensorInfo {
  const { backend } = args;
  const dy = args.inputs.dy!;
  const x = args.inputs.x!;
  const out = backend.makeOutput(x.shape, 'float32');
  const n = tf.util.sizeFromShape(x.shape);
  splitKernel(backend, 'relu_grad', [offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, out), n], elementwise(n, 3, 3));
  return out;
}

export const reluGradKernelConfig = wasmKernel(RELU_GRAD, reluGrad);

/** dy · [x > 0]: our one-pass kernel on wasm, tfjs' formula on every other backend. */
export function reluBackward(dy: tf.Tensor, x: tf.Tensor): tf.Tensor {
  if (tf.getBackend() === 'wasm' && x.dtype === 'float32' && dy.dtype === 'float32' && tf.getKernel(RELU_GRAD, 'wasm') != null) {
    return tf.engine().runKernel(RELU_GRAD, { dy, x }) as tf.Tensor;
  }
  return tf.mul(dy, tf.cast(tf.step(x), 'float32'));
}

export const reluGradConfig: GradConfig = {
  kernelName: tf.Relu,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved as tf.Tensor[];
    return { x: () => reluBackward(dy as tf.Tensor, x!) };
  },
};
