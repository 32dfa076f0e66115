/**
 * Layer stacks side by side: each run's layers aligned with the first run's (longest common
 * subsequence of layer descriptions), so "added a Dropout" or "Dense 512 → 256" shows as such.
 */
import { layerDefinition } from '../../../workers/engine/layers/index.ts';
import type { LayerSpec } from '../../../workers/engine/layers/index.ts';

export type LayerCellStatus = 'same' | 'changed' | 'added' | 'removed';

export interface LayerCell {
  text: string;
  status: LayerCellStatus;
  /** for 'changed': the first run's layer at this place */
  was?: string;
}

/** "Dense 512 relu", "Conv2D 32 3×3 relu", "MaxPool 2×2", "Dropout 0.5": each layer type's own description. */
export function describeLayer(layer: LayerSpec): string {
  return layerDefinition(layer.class_name).describe(layer.config);
}

/** Index pairs [i in a, j in b] of one longest common subsequence. */
function lcsPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Array<number>(rows * cols).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

const kind = (text: string) => text.split(' ')[0];

/** Between two matched anchors: same-kind layers pair up as 'changed', the rest are added/removed. */
function gapCells(base: readonly string[], other: readonly string[]): LayerCell[] {
  const cells: LayerCell[] = [];
  const remaining = [...base];
  for (const text of other) {
    const k = remaining.findIndex((b) => kind(b) === kind(text));
    if (k >= 0) {
      for (const removed of remaining.splice(0, k)) cells.push({ text: removed, status: 'removed' });
      cells.push({ text, status: 'changed', was: remaining.shift()! });
    } else {
      cells.push({ text, status: 'added' });
    }
  }
  for (const removed of remaining) cells.push({ text: removed, status: 'removed' });
  return cells;
}

/** One run's stack against the baseline's; removed layers appear as ghost cells in place. */
export function alignStack(baseline: readonly string[], other: readonly string[]): LayerCell[] {
  const cells: LayerCell[] = [];
  let i = 0;
  let j = 0;
  for (const [bi, oj] of [...lcsPairs(baseline, other), [baseline.length, other.length] as [number, number]]) {
    cells.push(...gapCells(baseline.slice(i, bi), other.slice(j, oj)));
    if (bi < baseline.length) cells.push({ text: baseline[bi]!, status: 'same' });
    i = bi + 1;
    j = oj + 1;
  }
  return cells;
}

/** Per run, its aligned stack (the first run is the baseline: all 'same'); null when all stacks match. */
export function layerStacksDiff(stacks: readonly (readonly string[])[]): LayerCell[][] | null {
  const [baseline, ...others] = stacks;
  if (!baseline) return null;
  if (others.every((s) => s.length === baseline.length && s.every((t, k) => t === baseline[k]))) return null;
  return [baseline.map((text) => ({ text, status: 'same' as const })), ...others.map((s) => alignStack(baseline, s))];
}
