import { compareAccuracy, points } from '../finding-text.ts';
import { defineExperiment, verdict } from './define.ts';

const IMAGE_BYTES = 28 * 28;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export const float32 = defineExperiment({
  name: 'float32',
  question: 'Why convert to float32?',
  answer:
    'MNIST stores each pixel as one byte (uint8): whole numbers 0–255. Weights, gradients and the ÷255 scaling need fractions, and the processor’s fast arithmetic works on 32-bit floats, so the pixels become float32 — four bytes each. ' +
    'Feeding the bytes’ values unchanged (0–255 as floats) is what a “raw uint8 input” amounts to; this experiment trains both with plain SGD.',
  varies: 'preprocessing',
  recipe: { fit: { subset: 5000, epochs: 1 }, compile: { optimizer: { name: 'sgd', learning_rate: 0.01 } } },
  variants: [
    { id: 'float', label: 'float32 0–1', patch: { preprocessing: 'scale' } },
    { id: 'uint8', label: 'uint8 values 0–255', patch: { preprocessing: 'raw' } },
  ],
  reading(results) {
    const [float, bytes] = results;
    const count = float!.trainCount ?? bytes!.trainCount ?? 0;
    const memory =
      `One image is ${IMAGE_BYTES} bytes as uint8 and ${IMAGE_BYTES * 4} bytes as float32; all 60 000 training images take ${mb(60000 * IMAGE_BYTES)} as bytes and ${mb(60000 * IMAGE_BYTES * 4)} as floats` +
      (count > 0 ? ` (the ${count.toLocaleString('en-US')} trained on here: ${mb(count * IMAGE_BYTES)} vs ${mb(count * IMAGE_BYTES * 4)}).` : '.');
    const c = compareAccuracy(float!, bytes!, 0.02);
    const training =
      bytes!.status === 'failed'
        ? 'With the byte values as inputs, SGD’s steps were so large that the loss blew up.'
        : verdict(c, {
            better: `The 0–1 floats trained ${points(c.a, c.b)} better than the byte values.`,
            same: 'Here the byte values trained about as well as the 0–1 floats.',
            worse: `Unexpectedly the byte values did better, by ${points(c.a, c.b)}.`,
          });
    return [training, memory];
  },
});
