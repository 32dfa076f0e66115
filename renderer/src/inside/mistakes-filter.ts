/** Which of the ranked mistakes the list shows: all, or those of one true and/or predicted digit. */
import type { Mistakes } from '../../../workers/protocol.ts';

export interface MistakeFilter {
  actual: number | undefined;
  predicted: number | undefined;
}

/** Positions in `mistakes` (so still highest loss first) that pass the filter. */
export function filterMistakes(mistakes: Mistakes, { actual, predicted }: MistakeFilter): number[] {
  const kept: number[] = [];
  for (let m = 0; m < mistakes.index.length; m++) {
    if (actual !== undefined && mistakes.label[m] !== actual) continue;
    if (predicted !== undefined && mistakes.predicted[m] !== predicted) continue;
    kept.push(m);
  }
  return kept;
}
