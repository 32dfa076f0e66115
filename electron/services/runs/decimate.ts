/**
 * Keeps a run's per-batch points evenly thinned to at most `max`: every `stride`-th point seen is
 * kept; when the list overflows, every other kept point goes and the stride doubles, so the kept
 * points stay evenly spaced however long the run is.
 */
export interface Thinned<T> {
  points: T[];
  /** keep every stride-th point seen */
  stride: number;
  /** points seen so far */
  seen: number;
}

export function appendThinned<T>(state: Thinned<T>, incoming: readonly T[], max: number): Thinned<T> {
  if (max < 2) throw new Error('max must be at least 2');
  let { points, stride, seen } = state;
  points = points.slice();
  for (const point of incoming) {
    if (seen % stride === 0) points.push(point);
    seen++;
    if (points.length > max) {
      points = points.filter((_, i) => i % 2 === 0);
      stride *= 2;
    }
  }
  return { points, stride, seen };
}
