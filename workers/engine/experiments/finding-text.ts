/** Small pieces the findings are written with: every number comes from a VariantResult. */
import type { VariantResult } from './types.ts';

export const pct = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;
/** percentage points between two accuracies */
export const points = (a: number, b: number): string => `${Math.abs((a - b) * 100).toFixed(1)} points`;
export const secs = (seconds: number): string => `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;

export function testAccuracy(result: VariantResult | undefined): number | null {
  return result?.status === 'finished' || result?.status === 'stopped' ? (result.test?.accuracy ?? null) : null;
}

export function secondsPerEpoch(result: VariantResult): number | null {
  if (result.epochs.length === 0) return null;
  return result.epochs.reduce((sum, e) => sum + e.seconds, 0) / result.epochs.length;
}

/** "94.8 %", "failed: …", "not run (the experiment was stopped)" */
export function outcome(result: VariantResult): string {
  if (result.status === 'missing') return 'not run (the experiment was stopped first)';
  if (result.status === 'failed') return `failed: ${result.error ?? 'unknown error'}`;
  const accuracy = testAccuracy(result);
  const stopped = result.status === 'stopped' ? ` (stopped after ${result.epochs.length} epoch${result.epochs.length === 1 ? '' : 's'})` : '';
  return accuracy === null ? `no test accuracy${stopped}` : `${pct(accuracy)} test accuracy${stopped}`;
}

/** "scaled 0–1: 94.8 % test accuracy; raw 0–255: failed: …." */
export function measuredLine(results: readonly VariantResult[]): string {
  return `${results.map((r) => `${r.label}: ${outcome(r)}`).join('; ')}.`;
}

/** a's test accuracy against b's; `why` says why they cannot be compared (kind 'unknown', a and b NaN). */
export interface Comparison {
  kind: 'better' | 'worse' | 'same' | 'unknown';
  a: number;
  b: number;
  why: string;
}

/** Compares two variants' test accuracy; `margin` (a fraction) is what counts as "about the same". */
export function compareAccuracy(
  a: VariantResult,
  b: VariantResult,
  margin: number,
): Comparison {
  const x = testAccuracy(a);
  const y = testAccuracy(b);
  if (x === null || y === null) {
    const absent = [x === null ? a : null, y === null ? b : null].filter((r): r is VariantResult => r !== null);
    return { kind: 'unknown', a: Number.NaN, b: Number.NaN, why: `${absent.map((r) => r.label).join(' and ')} ${absent.length === 1 ? 'has' : 'have'} no test accuracy, so the two cannot be compared` };
  }
  return { kind: x - y > margin ? 'better' : y - x > margin ? 'worse' : 'same', a: x, b: y, why: '' };
}

/** The finished variant with the best test accuracy, or undefined when none has one. */
export function best(results: readonly VariantResult[]): VariantResult | undefined {
  let top: VariantResult | undefined;
  for (const r of results) {
    const accuracy = testAccuracy(r);
    if (accuracy !== null && (top === undefined || accuracy > (testAccuracy(top) ?? -1))) top = r;
  }
  return top;
}

/** Last epoch's numbers. */
export function lastEpoch(result: VariantResult): VariantResult['epochs'][number] | undefined {
  return result.epochs.at(-1);
}

/** "Not measured: raw 0–255 (failed). " or "" */
export function gaps(results: readonly VariantResult[]): string {
  const absent = results.filter((r) => r.status === 'missing');
  return absent.length === 0 ? '' : ` Not run: ${absent.map((r) => r.label).join(', ')} — run the experiment again for the whole comparison.`;
}
