/** Sorting the runs table by any column; ties fall back to newest first so the order is stable. */
import type { RunSummary } from '../../../electron/api/contracts/runs.ts';

export const SORT_KEYS = ['name', 'createdAt', 'summary', 'params', 'epochsDone', 'testAccuracy', 'backend', 'seconds', 'storedBytes', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  key: SortKey;
  direction: SortDirection;
}

/** Numbers and dates start high-first (best accuracy, newest); text starts A→Z. */
export function defaultDirection(key: SortKey): SortDirection {
  return key === 'name' || key === 'summary' || key === 'backend' || key === 'status' ? 'ascending' : 'descending';
}

/** Clicking the sorted column flips it; another column starts in its natural direction. */
export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: defaultDirection(key) };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareValues(a: RunSummary, b: RunSummary, key: SortKey): number {
  const x = a[key];
  const y = b[key];
  if (typeof x === 'string' && typeof y === 'string') return collator.compare(x, y);
  return (x as number) - (y as number);
}

/** A sorted copy; runs without a value (no test accuracy yet) always go last. */
export function sortRuns(runs: readonly RunSummary[], order: SortOrder): RunSummary[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  return [...runs].sort((a, b) => {
    const missingA = a[order.key] === null;
    const missingB = b[order.key] === null;
    if (missingA !== missingB) return missingA ? 1 : -1;
    const primary = missingA ? 0 : sign * compareValues(a, b, order.key);
    return primary !== 0 ? primary : collator.compare(b.createdAt, a.createdAt) || collator.compare(b.id, a.id);
  });
}
