/** Per-class counts and index lists of a split's labels — the label filter and the class histogram. */
import type { LabelFilter } from './types.ts';

export interface LabelIndex {
  /** [classCount] examples per class */
  counts: number[];
  /** [classCount] indices into the split of each class, ascending */
  byLabel: Uint32Array[];
  /** [count] 0…count-1 — the "All" filter */
  all: Uint32Array;
}

/**
 * One pass over the labels (60 000 bytes: well under a millisecond, so no chunking needed).
 * Throws on a label outside 0…classCount-1 rather than silently dropping examples.
 */
export function buildLabelIndex(labels: Uint8Array, count: number, classCount = 10): LabelIndex {
  if (count > labels.length) throw new RangeError(`count ${count} exceeds the ${labels.length} labels given`);
  const counts = new Array<number>(classCount).fill(0);
  for (let i = 0; i < count; i++) {
    const label = labels[i]!;
    if (label >= classCount) throw new RangeError(`label ${label} at index ${i} is outside 0–${classCount - 1}`);
    counts[label]! += 1;
  }
  const byLabel = counts.map((n) => new Uint32Array(n));
  const fill = new Array<number>(classCount).fill(0);
  for (let i = 0; i < count; i++) {
    const label = labels[i]!;
    byLabel[label]![fill[label]!++] = i;
  }
  const all = new Uint32Array(count);
  for (let i = 0; i < count; i++) all[i] = i;
  return { counts, byLabel, all };
}

/** The split indices the grid shows for a filter. */
export function filterIndices(index: LabelIndex, filter: LabelFilter): Uint32Array {
  if (filter === 'all') return index.all;
  const list = index.byLabel[filter];
  if (!list) throw new RangeError(`no class ${filter}: the dataset has ${index.byLabel.length} classes`);
  return list;
}
