/**
 * Per-split facts the panel shows — label index (for the filter and histogram) and the mean image
 * per class — computed once per split object and cached, the means in yielding slices.
 */
import { buildLabelIndex, type LabelIndex } from './label-index.ts';
import { meanImagesChunked } from './mean-images.ts';
import type { SplitBytes } from '../../../workers/engine/data.ts';

export class SplitStats {
  readonly index: LabelIndex;
  /** [classCount] 784-byte images; undefined while they are being computed */
  means = $state.raw<Uint8Array[] | undefined>(undefined);
  meansError = $state<string | undefined>(undefined);

  constructor(split: SplitBytes, classCount: number) {
    this.index = buildLabelIndex(split.labels, split.count, classCount);
    meanImagesChunked(split, {}, classCount).then(
      (means) => (this.means = means),
      (error: unknown) => (this.meansError = error instanceof Error ? error.message : String(error)),
    );
  }
}

// Keyed by the SplitBytes object: a re-downloaded or re-imported dataset arrives as new arrays and is recomputed.
const cache = new WeakMap<SplitBytes, SplitStats>();

export function statsFor(split: SplitBytes, classCount: number): SplitStats {
  let stats = cache.get(split);
  if (!stats) {
    stats = new SplitStats(split, classCount);
    cache.set(split, stats);
  }
  return stats;
}
