/**
 * Dense and Conv2D layers with bias and ReLU as ONE kernel and one node on the gradient tape.
 *
 * tfjs-core runs a fused op (product + bias + activation in one kernel) only outside a gradient
 * tape, or for a linear activation: under `optimizer.minimize` every Dense(relu) and Conv2D(relu)
 * becomes product, Add(bias) and Relu — two extra passes over the layer's output, and on the way
 * back ReLU's gradient plus the bias gradient. Here the forward pass is the fused kernel (our GEMM
 * adds the bias and clamps in its epilogue), recorded on the tape with the gradient registered below:
 *   g = dy · [y > 0]   (y > 0 exactly where the pre-activation is: y = max(z, 0))
 *   dx = g·Wᵀ (Dense) or Conv2DBackpropInput(g, W) (Conv2D)
 *   dW = xᵀ·g         or Conv2DBackpropFilter(x, g)
 *   db = Σ g over every axis but the last
 * — the same float32 operations tfjs' chain performs.
 *
 * `fuseBiasRelu(model)` patches the `call` of each such layer of a model in place (idempotent);
 * everything else (other activations, no bias, Dense on rank > 2 inputs, dilations, NCHW, and any
 * backend but wasm with our kernels) keeps tfjs' own `call`. The layers' classes, configs and weights are untouched, so saving, exporting and
 * predicting are unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { reluBackward } from '../wasm/relu-grad.ts';
import { isPatchedWasmKernel } from '../wasm/register.ts';

/** Whether `kernel` runs as ours now: wasm with our overrides (stock wasm wants rank-3 products, and the
 * other backends' fused kernels are not what this was measured on — there tfjs' own chain runs) */
function ours(kernel: string): boolean {
  return tf.getBackend() === 'wasm' && isPatchedWasmKernel(kernel);
}

/**
 * Gradients for tfjs' fused kernels (tfjs-core registers none: its fused ops run them only off the
 * tape or inside a customGrad). Per input and lazy, so an input that needs no gradient — the first
 * layer's x — costs nothing (a customGrad computes every input's gradient). g is computed once,
 * eagerly, in the backward pass's scope.
 */
const fusedMatMulGrad: tf.GradConfig = {
  kernelName: tf._FusedMatMul,
  inputsToSave: ['a', 'b'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [a, b, y] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
    if (attrs['activation'] !== 'relu' || attrs['transposeA'] === true || attrs['transposeB'] === true) {
      throw new Error('fused-relu: only relu(a·b + bias) is differentiated here');
    }
    const g = reluBackward(dy as tf.Tensor, y); // [batch, units]
    return { a: () => tf.matMul(g, b, false, true), b: () => tf.matMul(a, g, true, false), bias: () => tf.sum(g, 0) };
  },
};

const fusedConv2DGrad: tf.GradConfig = {
  kernelName: tf.FusedConv2D,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
    if (attrs['activation'] !== 'relu') throw new Error('fused-relu: only relu(conv2d(x) + bias) is differentiated here');
    const g = reluBackward(dy as tf.Tensor, y); // [n, oh, ow, filters]
    const geometry = { strides: attrs['strides']!, pad: attrs['pad']!, dataFormat: 'NHWC' };
    return {
      x: () => tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: g, filter }, { ...geometry, inputShape: x.shape }) as tf.Tensor,
      filter: () => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: g }, { ...geometry, filterShape: filter.shape }) as tf.Tensor,
      bias: () => tf.sum(g, [0, 1, 2]),
    };
  },
};

let gradientsRegistered = false;
function registerFusedGradients(): void {
  if (gradientsRegistered) return;
  tf.registerGradient(fusedMatMulGrad);
  tf.registerGradient(fusedConv2DGrad);
  gradientsRegistered = true;
}

/** relu(x·W + b) for x [batch, in], W [in, units], b [units]: one kernel, one tape node */
function denseBiasRelu(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.engine().runKernel(tf._FusedMatMul, { a: x, b: w, bias: b }, { transposeA: false, transposeB: false, activation: 'relu', leakyreluAlpha: 0 }) as tf.Tensor;
}

interface ConvGeometry {
  strides: [number, number];
  pad: 'same' | 'valid';
}

/** relu(conv2d(x, W) + b) for x [n, h, w, c] (NHWC), W [kh, kw, c, filters], b [filters] */
function convBiasRelu(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, { strides, pad }: ConvGeometry): tf.Tensor {
  const attrs = { strides, pad, dataFormat: 'NHWC', dilations: [1, 1], activation: 'relu', leakyreluAlpha: 0 };
  return tf.engine().runKernel(tf.FusedConv2D, { x, filter: w, bias: b }, attrs) as tf.Tensor;
}

type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: object) => tf.Tensor | tf.Tensor[];
type Weighted = Omit<tf.layers.Layer, 'call'> & { kernel?: tf.LayerVariable; bias?: tf.LayerVariable; call: Call };

const fused = new WeakSet<Weighted>();

const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : [Number(v), Number(v)]);

/** The fused forward for this layer, or null when tfjs' own `call` must run. */
function fusedForward(layer: Weighted): ((x: tf.Tensor) => tf.Tensor | null) | null {
  const config = layer.getConfig();
  if (config['activation'] !== 'relu' || config['useBias'] !== true) return null;
  const className = layer.getClassName();
  if (className === 'Dense') {
    return (x) => (x.rank === 2 && x.dtype === 'float32' && ours(tf._FusedMatMul) ? denseBiasRelu(x, layer.kernel!.read(), layer.bias!.read()) : null);
  }
  if (className === 'Conv2D') {
    const dilated = pair(config['dilationRate'] ?? 1).some((d) => d !== 1);
    if (dilated || config['dataFormat'] !== 'channelsLast') return null;
    const geometry: ConvGeometry = { strides: pair(config['strides']), pad: config['padding'] === 'same' ? 'same' : 'valid' };
    return (x) => (x.rank === 4 && x.dtype === 'float32' && ours(tf.FusedConv2D) ? convBiasRelu(x, layer.kernel!.read(), layer.bias!.read(), geometry) : null);
  }
  return null;
}

/** Gives every Dense/Conv2D(relu, bias) layer of `model` the one-node forward (in place; idempotent). */
export function fuseBiasRelu(model: tf.LayersModel): void {
  registerFusedGradients();
  for (const layer of model.layers as unknown as Weighted[]) {
    if (fused.has(layer)) continue;
    const forward = fusedForward(layer);
    if (forward == null) continue;
    const own = layer.call.bind(layer);
    layer.call = (inputs: tf.Tensor | tf.Tensor[], kwargs: object): tf.Tensor | tf.Tensor[] => {
      const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0]! : null) : inputs;
      return (x != null ? forward(x) : null) ?? own(inputs, kwargs);
    };
    fused.add(layer);
  }
}
