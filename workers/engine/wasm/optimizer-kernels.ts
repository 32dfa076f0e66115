/**
 * One fused update kernel per optimizer on wasm (tfjs 4.22's optimizers run 4–15 elementwise
 * kernels per variable, each a pass over the weights). Inputs: the variable, its gradient and
 * its slots; the slots (optimizer-private, never a matmul operand) are updated IN PLACE, the new
 * value is a NEW tensor: XNNPACK caches packed weights by tensor id, so a weight updated in place
 * would keep being multiplied in its stale packed form.
 * Attrs carry the float32 scalars exactly as the stock optimizer's scalar tensors hold them.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { WasmKernelArgs } from './kernel-utils.ts';
import { offsetOf } from './simd/kernels.ts';
import { elementwise, splitKernel } from './split.ts';

export const FUSED_UPDATE = { rmsprop: 'MnistLabRMSPropUpdate', adam: 'MnistLabAdamUpdate', momentum: 'MnistLabMomentumUpdate', sgd: 'MnistLabSGDUpdate' } as const;

type Attr = Record<string, number>;

function update(args: WasmKernelArgs, slots: string[], apply: (ptr: (name: string) => number, out: number, n: number, a: Attr) => void): TensorInfo {
  const { backend } = args;
  const variable = args.inputs.x!;
  const n = variable.shape.reduce((a, b) => a * b, 1);
  for (const name of ['gradient', ...slots]) {
    const t = args.inputs[name];
    if (t == null || t.dtype !== 'float32' || t.shape.reduce((a, b) => a * b, 1) !== n) throw new Error(`fused optimizer update: bad input '${name}'`);
  }
  const out = backend.makeOutput(variable.shape, 'float32');
  apply((name) => offsetOf(backend, args.inputs[name]!), offsetOf(backend, out), n, args.attrs as unknown as Attr);
  return out;
}

const kernel = (kernelName: string, func: (args: WasmKernelArgs) => TensorInfo): KernelConfig => ({
  kernelName,
  backendName: 'wasm',
  kernelFunc: func as unknown as KernelFunc,
});

export const fusedUpdateConfigs: readonly KernelConfig[] = [
  kernel(FUSED_UPDATE.rmsprop, (args) =>
    update(args, ['ms', 'mom'], (p, out, n, a) =>
      splitKernel(args.backend, 'rmsprop', [p('x'), p('gradient'), p('ms'), p('mom'), out, n, a.decay!, a.oneMinusDecay!, a.learningRate!, a.epsilon!, a.momentum!], elementwise(n, 5, 5, [6, 7, 8, 9, 10], true)),
    ),
  ),
  kernel(FUSED_UPDATE.adam, (args) =>
    update(args, ['m', 'v'], (p, out, n, a) =>
      splitKernel(
        args.backend,
        'adam',
        [p('x'), p('gradient'), p('m'), p('v'), out, n, a.beta1!, a.oneMinusBeta1!, a.beta2!, a.oneMinusBeta2!, a.oneMinusAccBeta1!, a.oneMinusAccBeta2!, a.negLearningRate!, a.epsilon!],
        elementwise(n, 5, 5, [6, 7, 8, 9, 10, 11, 12, 13], true),
      ),
    ),
  ),
  kernel(FUSED_UPDATE.momentum, (args) =>
    update(args, ['accumulation'], (p, out, n, a) =>
      splitKernel(args.backend, 'momentum', [p('x'), p('gradient'), p('accumulation'), out, n, a.momentum!, a.c!, a.nesterov!], elementwise(n, 4, 4, [5, 6], true)),
    ),
  ),
  kernel(FUSED_UPDATE.sgd, (args) => update(args, [], (p, out, n, a) => splitKernel(args.backend, 'sgd', [p('x'), p('gradient'), out, n, a.c!], elementwise(n, 3, 3, [4])))),
];
