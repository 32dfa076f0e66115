/** predict(): class probabilities for raw 28×28 byte images (e.g. a drawn digit). */
import * as tf from '@tensorflow/tfjs';
import { imageBatch, lookupTable, PIXELS } from './data.ts';
import type { PixelTransform } from './data.ts';
import { inputShapeOf } from './model.ts';

/**
 * @param images [n * 784] bytes 0–255, white digit on black like MNIST
 * @returns [n * 10] probabilities, row-major
 */
export async function predict(model: tf.LayersModel, images: Uint8Array, transform: PixelTransform, batchSize = 256): Promise<Float32Array> {
  if (images.length === 0 || images.length % PIXELS !== 0) {
    throw new Error(`predict needs whole 28×28 images: got ${images.length} bytes, not a positive multiple of 784`);
  }
  const n = images.length / PIXELS;
  const lut = lookupTable(transform);
  const shape = inputShapeOf(model);
  const out = new Float32Array(n * 10);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(start + batchSize, n);
    const probs = tf.tidy(() => model.apply(imageBatch(images, lut, null, start, end, shape), { training: false }) as tf.Tensor);
    const values = await probs.data();
    probs.dispose();
    if (values.length !== (end - start) * 10) throw new Error(`the model outputs ${values.length / (end - start)} values per image, expected 10`);
    out.set(values as Float32Array, start * 10);
  }
  return out;
}
