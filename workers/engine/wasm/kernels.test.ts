/**
 * Our wasm kernels against TF.js' cpu backend (the reference): forward outputs and gradients
 * (w.r.t. inputs and weights) of every layer type the lab trains, plus the matmul variants.
 * Tolerance: |wasm - cpu| ≤ 1e-4 · max(1, |cpu|), element-wise.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { setConvBackpropRoutes } from './conv2d-backprop.ts';

const TOL = 1e-4;

/** Deterministic pseudo-random floats in [-1, 1) (mulberry32), identical on every backend. */
function randomArray(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Largest |a - b| / max(1, |b|) over all elements; shapes must match. */
function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!));
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst;
}

type Outputs = Record<string, { shape: number[]; values: Float32Array }>;

async function onBackend(backend: 'cpu' | 'wasm', fn: () => Record<string, tf.Tensor>): Promise<Outputs> {
  if (backend === 'wasm') await initBackend('wasm');
  else await tf.setBackend('cpu');
  const tensors = tf.tidy(fn);
  const out: Outputs = {};
  for (const [k, t] of Object.entries(tensors)) out[k] = { shape: t.shape.slice(), values: t.dataSync() as Float32Array };
  tf.dispose(Object.values(tensors));
  return out;
}

/** Runs `fn` on cpu and on wasm and expects every output to agree. Returns the worst error per output. */
async function expectSameOnWasm(fn: () => Record<string, tf.Tensor>): Promise<Record<string, number>> {
  const ref = await onBackend('cpu', fn);
  const got = await onBackend('wasm', fn);
  const errs: Record<string, number> = {};
  for (const k of Object.keys(ref)) {
    expect(got[k]!.shape, k).toEqual(ref[k]!.shape);
    errs[k] = maxRelErr(got[k]!.values, ref[k]!.values);
  }
  for (const [k, e] of Object.entries(errs)) expect(e, `${k}: max relative error`).toBeLessThanOrEqual(TOL);
  return errs;
}

/**
 * Forward output, d(loss)/d(input) and d(loss)/d(each weight) of one layer, loss = Σ y·r with a
 * fixed random r (gradients of order 1). Weights are set from fixed random arrays so both backends
 * see the same layer.
 */
function layerCase(
  makeLayer: () => tf.layers.Layer,
  inputShape: number[],
  opts: { training?: boolean; seed?: number; positiveWeights?: boolean; pixelInput?: boolean } = {},
): () => Record<string, tf.Tensor> {
  return () => {
    const seed = opts.seed ?? 1;
    const layer = makeLayer();
    layer.build(inputShape);
    const init = opts.positiveWeights ? (v: number) => 0.5 + Math.abs(v) : (v: number) => v * 0.5;
    layer.setWeights(layer.getWeights().map((w, i) => tf.tensor(randomArray(w.size, seed * 100 + i).map(init), w.shape)));
    // pixelInput: values in [0, 1] with ~80 % exact zeros, as an MNIST batch (zero taps and zero rows are skipped)
    const raw = randomArray(sizeOf(inputShape), seed);
    const x = tf.tensor(opts.pixelInput ? raw.map((v) => Math.max(0, 2.5 * v - 1.5)) : raw, inputShape);
    const outShape = (layer.apply(x, { training: opts.training ?? false }) as tf.Tensor).shape;
    const r = tf.tensor(randomArray(sizeOf(outShape), seed + 7), outShape);
    const loss = (input: tf.Tensor): tf.Scalar => (layer.apply(input, { training: opts.training ?? false }) as tf.Tensor).mul(r).sum();
    const y = layer.apply(x, { training: opts.training ?? false }) as tf.Tensor;
    const dx = tf.grad(loss)(x);
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const out: Record<string, tf.Tensor> = { y, dx };
    if (vars.length > 0) {
      const { grads } = tf.variableGrads(() => loss(x), vars);
      // keyed by position: layer names differ between the two runs (global layer counter)
      vars.forEach((v, i) => (out[`dW${i}:${layer.trainableWeights[i]!.originalName}`] = grads[v.name]!));
    }
    return out;
  };
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('Dense on pixels (~80 % exact zeros: the products run from their non-zeros) equals cpu', () => {
  it('Dense(64, relu) on a 40×300 batch: y, dx, dW, db', async () => {
    await expectSameOnWasm(layerCase(() => tf.layers.dense({ units: 64, activation: 'relu' }), [40, 300], { pixelInput: true }));
  });
});

describe('matMul on wasm equals cpu', () => {
  // [name, a shape, b shape, transposeA, transposeB, gradients?]. tfjs-core 4.22's BatchMatMul
  // gradient rejects broadcast batch dims on every backend, so broadcasting is checked forward only.
  const shapes: [string, number[], number[], boolean, boolean, boolean?][] = [
    ['2-D', [7, 5], [5, 3], false, false],
    ['2-D transposeA', [5, 7], [5, 3], true, false],
    ['2-D transposeB', [7, 5], [3, 5], false, true],
    ['2-D both', [5, 7], [3, 5], true, true],
    ['batch transposeA', [2, 3, 5, 7], [2, 3, 5, 4], true, false],
    ['batch transposeB', [4, 7, 5], [4, 3, 5], false, true],
    ['batch both', [4, 5, 7], [4, 3, 5], true, true],
    ['batch no transpose', [4, 7, 5], [4, 5, 3], false, false],
    ['broadcast b', [3, 7, 5], [5, 6], false, false, false],
    ['broadcast b transposeB', [3, 7, 5], [1, 6, 5], false, true, false],
    ['broadcast a transposeA', [5, 7], [3, 5, 6], true, false, false],
    ['gradient-sized', [128, 200], [128, 64], true, false],
    // partial 4×8 tiles on both edges of the SIMD GEMM, K = 1, one row
    ['odd tiles', [13, 37], [37, 19], false, false],
    ['odd tiles transposed', [37, 13], [19, 37], true, true],
    ['K = 1', [9, 1], [1, 17], false, false],
    ['one row', [1, 300], [5, 300], false, true],
    // K = 9000 with 64×64 outputs: three chunks of K, the later ones accumulating into C
    ['long K (chunks)', [9000, 64], [9000, 64], true, false, false],
  ];
  for (const [name, aShape, bShape, tA, tB, withGrads = true] of shapes) {
    it(`${name}: forward${withGrads ? ' and gradients' : ''}`, async () => {
      await expectSameOnWasm((): Record<string, tf.Tensor> => {
        const a = tf.tensor(randomArray(sizeOf(aShape), 11), aShape);
        const b = tf.tensor(randomArray(sizeOf(bShape), 12), bShape);
        const y = tf.matMul(a, b, tA, tB);
        if (!withGrads) return { y };
        const r = tf.tensor(randomArray(y.size, 13), y.shape);
        const [da, db] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.matMul(p, q, tA, tB).mul(r).sum())([a, b]);
        return { y, da: da!, db: db! };
      });
    });
  }

  for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    it(`fused matMul + bias + relu (transposeA=${tA}, transposeB=${tB}): forward and gradients`, async () => {
      await expectSameOnWasm(() => {
        const aShape = tA ? [6, 9] : [9, 6];
        const bShape = tB ? [4, 6] : [6, 4];
        const a = tf.tensor2d(randomArray(54, 21), aShape as [number, number]);
        const b = tf.tensor2d(randomArray(24, 22), bShape as [number, number]);
        const bias = tf.tensor1d(randomArray(4, 23));
        const f = (p: tf.Tensor, q: tf.Tensor, c: tf.Tensor): tf.Tensor =>
          tf.fused.matMul({ a: p as tf.Tensor2D, b: q as tf.Tensor2D, bias: c, activation: 'relu', transposeA: tA, transposeB: tB });
        const y = f(a, b, bias);
        const r = tf.tensor(randomArray(y.size, 24), y.shape);
        const [da, db, dbias] = tf.grads((p: tf.Tensor, q: tf.Tensor, c: tf.Tensor) => f(p, q, c).mul(r).sum())([a, b, bias]);
        return { y, da: da!, db: db!, dbias: dbias! };
      });
    });
  }

  it('fused batched matMul with bias + prelu weights', async () => {
    await expectSameOnWasm(() => {
      const a = tf.tensor3d(randomArray(3 * 5 * 4, 31), [3, 5, 4]);
      const b = tf.tensor3d(randomArray(3 * 4 * 6, 32), [3, 4, 6]);
      const bias = tf.tensor1d(randomArray(6, 33));
      const alpha = tf.tensor1d(randomArray(6, 34).map((v) => Math.abs(v) * 0.3));
      return { y: tf.fused.matMul({ a, b, bias, activation: 'prelu', preluActivationWeights: alpha }) };
    });
  });
});

describe('slice on wasm equals cpu', () => {
  const cases: [number[], number[], number[]][] = [
    [[10], [3], [4]],
    [[6, 5], [2, 0], [3, 5]], // contiguous rows
    [[6, 5], [1, 2], [4, -1]],
    [[4, 5, 6], [1, 2, 3], [2, 2, 2]],
    [[3, 4, 5, 6], [1, 0, 2, 1], [2, 4, 3, 4]],
    [[3, 4, 5, 6], [0, 1, 1, 0], [-1, 2, 2, 6]],
    [[2, 3, 2, 2, 3], [1, 1, 0, 1, 0], [1, 2, 2, 1, 3]], // rank 5: stock path
    [[4, 4], [1, 1], [0, 2]], // empty
  ];
  for (const [shape, begin, size] of cases) {
    it(`slice ${shape} begin ${begin} size ${size} (value and gradient)`, async () => {
      await expectSameOnWasm(() => {
        const x = tf.tensor(randomArray(sizeOf(shape), 3), shape);
        const y = tf.slice(x, begin, size);
        const r = tf.tensor(randomArray(y.size, 4), y.shape);
        return { y, dx: tf.grad((v: tf.Tensor) => tf.slice(v, begin, size).mul(r).sum())(x) };
      });
    });
  }
  it('int32 slice', async () => {
    await expectSameOnWasm(() => ({ y: tf.slice(tf.range(0, 24, 1, 'int32').reshape([4, 6]), [1, 2], [2, 3]).toFloat() }));
  });
});

describe('sum on wasm equals cpu', () => {
  const cases: [number[], number | number[], boolean][] = [
    [[128, 6, 6, 8], [0, 1, 2], false], // bias gradient: leading axes (our path)
    [[5, 7], 0, true],
    [[2, 3, 4], [1, 0], false],
    [[2, 3, 4], [1, 2], false], // trailing axes: stock path
    [[2, 3, 4], [0, 2], true],
    [[6], 0, false], // all axes: stock path
    [[9, 13], 0, false], // columns not a multiple of 4: scalar tail
    [[3, 5, 7, 3], [0, 1, 2], true],
    [[0, 5], 0, false], // no rows: zeros
  ];
  for (const [shape, axis, keepDims] of cases) {
    it(`sum ${shape} axis ${axis} keepDims ${keepDims}`, async () => {
      await expectSameOnWasm(() => ({ y: tf.sum(tf.tensor(randomArray(sizeOf(shape), 9), shape), axis, keepDims) }));
    });
  }
  it('int32 sum keeps int32', async () => {
    await initBackend('wasm');
    const y = tf.sum(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), 0);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([9, 12]);
    y.dispose();
  });
});

describe('ReLU gradient (one SIMD pass) on wasm equals cpu', () => {
  // odd sizes exercise the scalar tail; exact zeros check relu'(0) = 0
  for (const shape of [[7], [3, 5], [2, 13, 11, 3], [64, 4]]) {
    it(`relu gradient ${shape.join('×')}`, async () => {
      await expectSameOnWasm(() => {
        const values = randomArray(sizeOf(shape), 17);
        for (let i = 0; i < values.length; i += 5) values[i] = 0;
        const x = tf.tensor(values, shape);
        const r = tf.tensor(randomArray(sizeOf(shape), 18), shape);
        return { y: tf.relu(x), dx: tf.grad((v: tf.Tensor) => tf.relu(v).mul(r).sum())(x) };
      });
    });
  }
});

describe('identity on wasm shares the buffer safely', () => {
  it('a clone survives its source being disposed and a variable being reassigned', async () => {
    await initBackend('wasm');
    const x = tf.tensor1d([1, 2, 3]);
    const c = x.clone();
    x.dispose();
    expect(Array.from(c.dataSync())).toEqual([1, 2, 3]);
    const v = tf.variable(c);
    const snapshot = v.clone();
    v.assign(tf.tensor1d([7, 8, 9]));
    expect(Array.from(snapshot.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
    const before = tf.memory().numTensors;
    tf.dispose([c, snapshot, v]);
    expect(tf.memory().numTensors).toBe(before - 3);
  });
  it('string clone', async () => {
    await initBackend('wasm');
    const s = tf.tensor1d(['a', 'bc']);
    const c = s.clone();
    expect(c.dataSync()).toEqual(['a', 'bc']);
    tf.dispose([s, c]);
  });
});

describe('layers on wasm equal cpu (output, dx, dW)', () => {
  it('Dense (relu, bias)', async () => {
    await expectSameOnWasm(layerCase(() => tf.layers.dense({ units: 16, activation: 'relu' }), [8, 30]));
  });
  it('Dense softmax on rank-3 input', async () => {
    await expectSameOnWasm(layerCase(() => tf.layers.dense({ units: 5, activation: 'softmax' }), [2, 3, 7]));
  });

  // the forward pass as im2col + our GEMM: bias and ReLU fused into the GEMM, other activations stock
  for (const [activation, strides, padding] of [['relu', 1, 'valid'], ['relu', 2, 'same'], ['linear', 1, 'same'], ['elu', 1, 'valid']] as const) {
    it(`fused conv2d + bias + ${activation}, strides ${strides}, ${padding}, 13 filters of 3×3×5 (partial GEMM tiles)`, async () => {
      await expectSameOnWasm(() => {
        const x = tf.tensor4d(randomArray(2 * 12 * 11 * 5, 41), [2, 12, 11, 5]);
        const filter = tf.tensor4d(randomArray(3 * 3 * 5 * 13, 42), [3, 3, 5, 13]);
        const bias = tf.tensor1d(randomArray(13, 43));
        return { y: tf.fused.conv2d({ x, filter, bias, strides, pad: padding, activation }) };
      });
    });
  }

  // every implementation route of our Conv2D gradients, not only the one 'auto' picks for these sizes
  for (const [filterRoute, inputRoute] of [['auto', 'auto'], ['im2col', 'gemm'], ['conv', 'conv']] as const) {
    describe(`Conv2D gradients via filter=${filterRoute}, input=${inputRoute}`, () => {
      beforeAll(() => setConvBackpropRoutes({ filter: filterRoute, input: inputRoute }));
      afterAll(() => setConvBackpropRoutes({ filter: 'auto', input: 'auto' }));
      for (const padding of ['same', 'valid'] as const) {
        for (const strides of [1, 2]) {
          // 8 input channels: the weight gradient's patches go straight into GEMM panels (im2col_panels)
          for (const [h, w, ci] of [[9, 9, 1], [8, 7, 3], [7, 6, 8]] as const) {
            it(`Conv2D 3×3 padding=${padding} strides=${strides} input ${h}×${w}×${ci}`, async () => {
              await expectSameOnWasm(
                layerCase(() => tf.layers.conv2d({ filters: 4, kernelSize: 3, strides, padding, activation: 'relu' }), [2, h, w, ci]),
              );
            });
          }
        }
      }
      for (const [strides, padding] of [[1, 'valid'], [2, 'same']] as const) {
        it(`Conv2D 3×3, 1 input channel → 32 filters (first layer: dyᵀ·patches) strides=${strides} ${padding}`, async () => {
          await expectSameOnWasm(
            layerCase(() => tf.layers.conv2d({ filters: 32, kernelSize: 3, strides, padding, activation: 'relu' }), [3, 10, 9, 1]),
          );
        });
      }
      it('Conv2D first layer on pixels (~80 % exact zeros): the zero taps skipped change nothing', async () => {
        await expectSameOnWasm(
          layerCase(() => tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }), [3, 12, 11, 1], { pixelInput: true }),
        );
      });
      it('Conv2D 5×4 kernel, strides [2, 3], same, no bias, linear', async () => {
        await expectSameOnWasm(
          layerCase(() => tf.layers.conv2d({ filters: 3, kernelSize: [5, 4], strides: [2, 3], padding: 'same', useBias: false }), [2, 11, 10, 2]),
        );
      });
      it('Conv2D 1×1', async () => {
        await expectSameOnWasm(layerCase(() => tf.layers.conv2d({ filters: 6, kernelSize: 1 }), [2, 5, 5, 4]));
      });
    });
  }
  for (const padding of ['valid', 'same'] as const) {
    for (const [pool, strides] of [[2, 2], [3, 2], [2, 1]] as const) {
      it(`MaxPooling2D pool ${pool} strides ${strides} ${padding}`, async () => {
        await expectSameOnWasm(layerCase(() => tf.layers.maxPooling2d({ poolSize: pool, strides, padding }), [2, 7, 8, 3]));
      });
      it(`AveragePooling2D pool ${pool} strides ${strides} ${padding}`, async () => {
        await expectSameOnWasm(layerCase(() => tf.layers.averagePooling2d({ poolSize: pool, strides, padding }), [2, 7, 8, 3]));
      });
    }
  }
  // 2×2 stride 2 'valid' with channels a multiple of 4 takes the SIMD kernel; odd sizes leave a
  // row/column no window reaches (gradient 0)
  for (const shape of [[2, 6, 6, 8], [3, 7, 9, 4], [1, 5, 4, 12]] as const) {
    it(`MaxPooling2D 2×2 SIMD path, input ${shape.join('×')}`, async () => {
      await expectSameOnWasm(layerCase(() => tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'valid' }), [...shape]));
    });
  }
  it('MaxPooling2D 2×2 SIMD path: NaN and -Infinity inside windows', async () => {
    await expectSameOnWasm(() => {
      const values = randomArray(2 * 6 * 6 * 4, 8);
      values[0] = NaN; // the gradient goes to the window's first non-NaN maximum
      values[4 * 7 + 1] = -Infinity;
      values.fill(-Infinity, 6 * 6 * 4, 6 * 6 * 4 + 2 * 6 * 4); // whole windows of -∞: no maximum, gradient 0
      const x = tf.tensor4d(values, [2, 6, 6, 4]);
      const r = tf.tensor4d(randomArray(2 * 3 * 3 * 4, 6), [2, 3, 3, 4]);
      return { dx: tf.grad((v: tf.Tensor): tf.Scalar => tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid').mul(r).sum())(x) };
    });
  });
  it('MaxPooling2D after relu (ties at 0 go to the first max)', async () => {
    await expectSameOnWasm(() => {
      const x = tf.tensor4d(randomArray(2 * 6 * 6 * 3, 5), [2, 6, 6, 3]).relu() as tf.Tensor4D;
      const r = tf.tensor4d(randomArray(2 * 3 * 3 * 3, 6), [2, 3, 3, 3]);
      const f = (v: tf.Tensor): tf.Scalar => tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid').mul(r).sum();
      return { y: tf.maxPool(x, 2, 2, 'valid'), dx: tf.grad(f)(x) };
    });
  });

  it('BatchNormalization (training)', async () => {
    await expectSameOnWasm(layerCase(() => tf.layers.batchNormalization({}), [6, 4, 4, 3], { training: true, positiveWeights: true }));
  });
  it('BatchNormalization (inference)', async () => {
    await expectSameOnWasm(layerCase(() => tf.layers.batchNormalization({}), [6, 10], { training: false, positiveWeights: true }));
  });
  it('Dropout (training, fixed seed)', async () => {
    await expectSameOnWasm(layerCase(() => tf.layers.dropout({ rate: 0.3, seed: 42 }), [4, 50], { training: true }));
  });
  it('Flatten', async () => {
    await expectSameOnWasm(layerCase(() => tf.layers.flatten(), [3, 4, 5, 2]));
  });
  it('Reshape', async () => {
    await expectSameOnWasm(layerCase(() => tf.layers.reshape({ targetShape: [10, 4] }), [3, 5, 8]));
  });
});
