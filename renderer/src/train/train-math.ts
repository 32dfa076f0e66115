/** Pure helpers for the live training view: smoothing, ETA, formatting. */

export interface Point {
  x: number;
  y: number;
}

/**
 * Debiased exponential moving average (TensorBoard's smoothing): weight `alpha` on the past,
 * divided by 1 − alphaᵗ so the first points are not pulled towards 0. alpha 0 returns the input.
 */
export function emaSmooth(points: readonly Point[], alpha: number): Point[] {
  if (!(alpha >= 0 && alpha < 1)) throw new RangeError(`smoothing must be in [0, 1), got ${alpha}`);
  const out: Point[] = new Array(points.length);
  let last = 0;
  let weight = 1;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    last = alpha * last + (1 - alpha) * p.y;
    weight *= alpha;
    out[i] = { x: p.x, y: last / (1 - weight) };
  }
  return out;
}

/** x position of a batch on an axis counted in epochs: batch 469 of 469 in epoch 1 → 1. */
export function epochPosition(epoch: number, batch: number, batchesPerEpoch: number): number {
  return epoch - 1 + batch / Math.max(1, batchesPerEpoch);
}

/** Seconds left, from the average pace so far (pauses excluded); null until there is a pace. */
export function etaSeconds(doneBatches: number, totalBatches: number, activeSeconds: number): number | null {
  if (doneBatches <= 0 || activeSeconds <= 0 || totalBatches <= 0) return null;
  return Math.max(0, ((totalBatches - doneBatches) * activeSeconds) / doneBatches);
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** How many points LTTB keeps for a chart this many CSS pixels wide: about one per pixel. */
export function decimationSamples(widthPx: number): number {
  return Math.max(100, Math.round(widthPx));
}

/** Chart updates are throttled: the delay before the next one, given when the last one ran. */
export function nextUpdateDelay(lastUpdateMs: number, nowMs: number, minIntervalMs = 200): number {
  return Math.max(0, lastUpdateMs + minIntervalMs - nowMs);
}

export function formatPercent(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)} %`;
}

export function formatLoss(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(4);
}
