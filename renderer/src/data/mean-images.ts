/** The average picture of each class: what a "typical" 7 looks like in this split. */
import { forEachChunk, type ChunkOptions } from './chunked.ts';
import type { SplitBytes } from '../../../workers/engine/data.ts';
import { IMAGE_PIXELS } from './types.ts';

/** Sums pixels per class; feed it slices of a split, then read the rounded means. */
export class MeanImageAccumulator {
  /** [classCount * 784] running pixel sums (Float64: 60 000 × 255 fits exactly) */
  private readonly sums: Float64Array;
  private readonly counts: number[];

  constructor(readonly classCount = 10) {
    this.sums = new Float64Array(classCount * IMAGE_PIXELS);
    this.counts = new Array<number>(classCount).fill(0);
  }

  add(split: SplitBytes, start: number, end: number): void {
    const { images, labels } = split;
    for (let i = start; i < end; i++) {
      const label = labels[i]!;
      if (label >= this.classCount) throw new RangeError(`label ${label} at index ${i} is outside 0–${this.classCount - 1}`);
      this.counts[label]! += 1;
      const base = label * IMAGE_PIXELS;
      const from = i * IMAGE_PIXELS;
      for (let p = 0; p < IMAGE_PIXELS; p++) this.sums[base + p]! += images[from + p]!;
    }
  }

  /** [classCount] images of 784 bytes (0–255, rounded); all zeros for a class with no examples. */
  means(): Uint8Array[] {
    return this.counts.map((n, label) => {
      const out = new Uint8Array(IMAGE_PIXELS);
      if (n === 0) return out;
      const base = label * IMAGE_PIXELS;
      for (let p = 0; p < IMAGE_PIXELS; p++) out[p] = Math.round(this.sums[base + p]! / n);
      return out;
    });
  }
}

function checkSplit(split: SplitBytes): void {
  if (split.images.length < split.count * IMAGE_PIXELS) {
    throw new RangeError(`split holds ${split.images.length} pixel bytes, ${split.count} images need ${split.count * IMAGE_PIXELS}`);
  }
  if (split.labels.length < split.count) throw new RangeError(`split holds ${split.labels.length} labels for ${split.count} images`);
}

/** All at once — for tests and small splits. */
export function meanImages(split: SplitBytes, classCount = 10): Uint8Array[] {
  checkSplit(split);
  const acc = new MeanImageAccumulator(classCount);
  acc.add(split, 0, split.count);
  return acc.means();
}

/**
 * The same, in slices that yield between them: 1 000 images ≈ 0.8 M additions ≈ 2–4 ms per slice (≤ 16 ms seen on a busy 2-core machine),
 * so a 60 000-image split never blocks the UI thread for long.
 */
export async function meanImagesChunked(split: SplitBytes, options: Partial<ChunkOptions> = {}, classCount = 10): Promise<Uint8Array[]> {
  checkSplit(split);
  const acc = new MeanImageAccumulator(classCount);
  await forEachChunk(split.count, (start, end) => acc.add(split, start, end), { chunkSize: 1000, ...options });
  return acc.means();
}
