/**
 * Why this answer: the gradient of one class's probability with respect to every input pixel
 * (Simonyan et al. 2013, "vanilla" saliency). Large magnitudes mark the pixels whose change would
 * move that probability most. The class is the top one unless the caller picks another.
 */
import * as tf from '@tensorflow/tfjs';
import { imageBatch, lookupTable, PIXELS, type PixelTransform } from '../data.ts';
import { inputShapeOf } from '../model.ts';

export interface Saliency {
  /** the class whose probability was differentiated */
  classIndex: number;
  /** [10] the model's answer for the image */
  probabilities: Float32Array;
  /**
   * [784] ∂p(class) / ∂x for each pixel x as the model sees it (after the pixel transform),
   * row-major 28×28
   */
  gradient: Float32Array;
}

/** @param image [784] bytes 0–255; @param classIndex 0–9, or undefined for the top class */
export async function saliency(model: tf.LayersModel, image: Uint8Array, transform: PixelTransform, classIndex?: number): Promise<Saliency> {
  if (image.length !== PIXELS) throw new Error(`saliency needs one 28×28 image (784 bytes), got ${image.length} bytes`);
  if (classIndex !== undefined && !(Number.isInteger(classIndex) && classIndex >= 0 && classIndex <= 9)) {
    throw new Error(`the class must be a digit 0–9, got ${classIndex}`);
  }
  const shape = inputShapeOf(model);
  const x = imageBatch(image, lookupTable(transform), null, 0, 1, shape);
  try {
    const output = tf.tidy(() => model.apply(x, { training: false }) as tf.Tensor);
    const probabilities = new Float32Array((await output.data()) as Float32Array);
    output.dispose();
    if (probabilities.length !== 10) throw new Error(`the model outputs ${probabilities.length} values, expected 10`);
    const target = classIndex ?? probabilities.reduce((best, p, k) => (p > probabilities[best]! ? k : best), 0);
    const grad = tf.tidy(() => tf.grad((input: tf.Tensor) => (model.apply(input, { training: false }) as tf.Tensor).slice([0, target], [1, 1]).sum())(x));
    const gradient = new Float32Array((await grad.data()) as Float32Array);
    grad.dispose();
    return { classIndex: target, probabilities, gradient };
  } finally {
    x.dispose();
  }
}
