/** The current model's accuracy on the learner's "My handwriting" set (the generalisation experiment's last step). */
import { evaluate } from '../draw/evaluate.ts';
import type { HandwritingApi } from '../draw/handwriting-api.ts';
import { MNIST_PIXELS } from '../draw/preprocess.ts';

export async function scoreHandwriting(
  api: HandwritingApi,
  predict: (images: Uint8Array) => Promise<Float32Array>,
): Promise<{ count: number; accuracy: number } | null> {
  const items = await api.list();
  if (items.length === 0) return null;
  const images = new Uint8Array(items.length * MNIST_PIXELS); // [n * 784]
  items.forEach((item, i) => images.set(item.pixels, i * MNIST_PIXELS));
  const scored = evaluate(items, await predict(images));
  return { count: scored.total, accuracy: scored.accuracy };
}
