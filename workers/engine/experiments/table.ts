/** The variants as table rows (the CLI prints them; the panel shows the same columns). */
import { pct, secondsPerEpoch } from './finding-text.ts';
import type { VariantResult } from './types.ts';

export interface ResultRow {
  variant: string;
  status: string;
  testAccuracy: string;
  secondsPerEpoch: string;
  epochs: string;
}

export const RESULT_COLUMNS: { key: keyof ResultRow; title: string }[] = [
  { key: 'variant', title: 'variant' },
  { key: 'status', title: 'status' },
  { key: 'testAccuracy', title: 'test accuracy' },
  { key: 'secondsPerEpoch', title: 's / epoch' },
  { key: 'epochs', title: 'epochs' },
];

export function resultRow(r: VariantResult): ResultRow {
  const perEpoch = secondsPerEpoch(r);
  return {
    variant: r.label,
    status: r.status === 'missing' ? 'not run' : r.status,
    testAccuracy: r.test ? pct(r.test.accuracy) : '—',
    secondsPerEpoch: perEpoch === null ? '—' : perEpoch.toFixed(2),
    epochs: String(r.epochs.length),
  };
}

/** Plain-text table with aligned columns. */
export function formatTable(results: readonly VariantResult[]): string {
  const rows = results.map(resultRow);
  const widths = RESULT_COLUMNS.map((c) => Math.max(c.title.length, ...rows.map((r) => r[c.key].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(RESULT_COLUMNS.map((c) => c.title)), ...rows.map((r) => line(RESULT_COLUMNS.map((c) => r[c.key])))].join('\n');
}
