/** A trained model's accuracy on the "My handwriting" set kept in the data folder (null when it is empty). */
import type * as tf from '@tensorflow/tfjs';
import type { PixelTransform } from '../../workers/engine/data.ts';
import { predict } from '../../workers/engine/predict.ts';
import { createHandwritingService } from '../services/handwriting.ts';

const PIXELS = 28 * 28;

export async function scoreHandwriting(dataDir: string, model: tf.LayersModel, transform: PixelTransform): Promise<{ count: number; accuracy: number } | null> {
  const items = createHandwritingService(dataDir).list();
  if (items.length === 0) return null;
  const images = new Uint8Array(items.length * PIXELS); // [n * 784]
  items.forEach((item, i) => images.set(Buffer.from(item.pixels, 'base64'), i * PIXELS));
  const probabilities = await predict(model, images, transform); // [n * 10]
  let correct = 0;
  items.forEach((item, i) => {
    const row = probabilities.subarray(i * 10, i * 10 + 10);
    if (row.indexOf(Math.max(...row)) === item.label) correct++;
  });
  return { count: items.length, accuracy: correct / items.length };
}
