import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { availableBackends, defaultWasmThreads, initBackend } from './backend.ts';

describe('initBackend', () => {
  it('wasm: reports SIMD, threads, version and the patched kernels', async () => {
    const info = await initBackend('wasm');
    expect(info.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(typeof info.simd).toBe('boolean');
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(info.crossOriginIsolated).toBe(false); // Node
    expect(info.gemmThreads).toBe(1); // Node: tfjs' heap is not shared, our GEMM runs on this thread
    expect(info.tfjsVersion).toBe('4.22.0');
    expect(info.patchedKernels).toEqual([
      'AvgPoolGrad',
      'BatchMatMul',
      'Conv2D',
      'Conv2DBackpropFilter',
      'Conv2DBackpropInput',
      'FusedConv2D',
      'Identity',
      'MaxPool',
      'MaxPoolGrad',
      'MnistLabAdamUpdate',
      'MnistLabMomentumUpdate',
      'MnistLabRMSPropUpdate',
      'MnistLabReluGrad',
      'MnistLabSGDUpdate',
      'Slice',
      'Sum',
      '_FusedMatMul',
    ]);
  });

  it('is idempotent: a second call neither fails nor double-registers', async () => {
    const a = await initBackend('wasm');
    const b = await initBackend('wasm');
    expect(b.patchedKernels).toEqual(a.patchedKernels);
    expect(tf.getKernelsForBackend('wasm').filter((k) => k.kernelName === 'BatchMatMul')).toHaveLength(1);
  });

  it('stockKernels restores tfjs-backend-wasm as shipped, and can be undone', async () => {
    const stock = await initBackend('wasm', { stockKernels: true });
    expect(stock.patchedKernels).toEqual([]);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    const x = tf.ones([1, 4, 4, 1]);
    expect(() => tf.grad((v: tf.Tensor) => tf.conv2d(v as tf.Tensor4D, tf.ones([2, 2, 1, 1]), 1, 'valid').sum())(x)).not.toThrow(); // dx only
    const filter = tf.variable(tf.ones([2, 2, 1, 1]));
    expect(() => tf.variableGrads(() => tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid').sum(), [filter])).toThrow(/Conv2DBackpropFilter/);
    const patched = await initBackend('wasm');
    expect(patched.patchedKernels).toContain('Conv2DBackpropFilter');
    const { grads } = tf.variableGrads(() => tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid').sum(), [filter]);
    expect(Array.from(grads[filter.name]!.dataSync())).toEqual([9, 9, 9, 9]);
    tf.dispose([x, filter, ...Object.values(grads)]);
  });

  it('cpu works and reports no wasm features', async () => {
    const info = await initBackend('cpu');
    expect(info).toMatchObject({ backend: 'cpu', simd: false, threads: 1, patchedKernels: [] });
  });

  it('an unusable backend rejects', async () => {
    // Node has no WebGL: tfjs logs its own warning and setBackend resolves false
    await expect(initBackend('webgl')).rejects.toThrow(/webgl/);
    await initBackend('wasm');
  });
});

describe('availableBackends', () => {
  it('in Node: wasm and cpu, never webgl', () => {
    expect(availableBackends()).toEqual(['wasm', 'cpu']);
  });
});

describe('defaultWasmThreads', () => {
  it('every logical core up to 4, then half of them, at most 8', () => {
    expect([1, 2, 3, 4, 6, 8, 12, 16, 32].map(defaultWasmThreads)).toEqual([1, 2, 3, 4, 4, 4, 6, 8, 8]);
    expect(defaultWasmThreads(0)).toBe(1);
  });
});
