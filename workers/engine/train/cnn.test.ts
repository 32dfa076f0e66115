import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test-support/mnist-files.ts';
import { parseSpec, presetSpec } from '../spec/index.ts';
import { initBackend } from '../backend.ts';
import { createTraining } from './training.ts';
import type { TrainingEvent } from './events.ts';

// The stock wasm backend lacks Conv2DBackpropFilter and tfjs-cpu's conv gradients take minutes here:
// backend.ts' wasm kernels make this test fast.
beforeAll(async () => {
  await initBackend('wasm');
});

const train = loadMnist('train', 512);
const test = loadMnist('test', 200);

async function trainBriefly(spec: ReturnType<typeof presetSpec>) {
  const epochs: TrainingEvent[] = [];
  const run = createTraining({ spec, train, test, onEvent: (e) => e.type === 'epoch' && epochs.push(e) });
  const done = await run.done;
  const weights = Object.fromEntries(run.model.getWeights().map((w, i) => [run.model.weights[i]!.originalName, Array.from(w.dataSync())]));
  run.model.dispose();
  return { done, epochs, weights };
}

describe('convolutional models train', () => {
  it('lenet5 (Conv2D, AveragePooling2D, Dense) learns on 512 images', async () => {
    const spec = presetSpec('lenet5');
    spec.fit.epochs = 2;
    spec.fit.batch_size = 32;
    const { done, epochs } = await trainBriefly(spec);
    expect(done).toMatchObject({ type: 'done', status: 'finished', epochsCompleted: 2 });
    const [first, second] = epochs as [Extract<TrainingEvent, { type: 'epoch' }>, Extract<TrainingEvent, { type: 'epoch' }>];
    expect(second.loss).toBeLessThan(first.loss);
    if (done.type === 'done') expect(done.test!.accuracy).toBeGreaterThan(0.3);
  });

  it('BatchNormalization, MaxPooling2D and Dropout with standardised inputs', async () => {
    const spec = parseSpec({
      layers: [
        { class_name: 'Conv2D', config: { filters: 8, kernel_size: 3, activation: 'relu' } },
        { class_name: 'BatchNormalization' },
        { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
        { class_name: 'Flatten' },
        { class_name: 'Dropout', config: { rate: 0.25 } },
        { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
      ],
      compile: { optimizer: 'adam', loss: 'categorical_crossentropy' },
      fit: { epochs: 1, batch_size: 64, validation_split: 0.25 },
      preprocessing: 'standardize',
    });
    const { done, epochs, weights } = await trainBriefly(spec);
    expect(done).toMatchObject({ type: 'done', status: 'finished' });
    expect(epochs[0]).toMatchObject({ type: 'epoch', epoch: 1 });
    // training-mode batch norm moved its statistics away from their initial 0 and 1
    expect(weights['batch_normalization/moving_mean']!.some((v) => v !== 0)).toBe(true);
    expect(weights['batch_normalization/moving_variance']!.some((v) => v !== 1)).toBe(true);
    if (done.type === 'done') {
      expect(done.transform.mode).toBe('standardize');
      // MNIST's mean pixel is about 0.13 × 255
      expect(done.transform.mean).toBeGreaterThan(25);
      expect(done.transform.mean).toBeLessThan(40);
      expect(Number.isFinite(done.test!.loss)).toBe(true);
    }
  });
});
