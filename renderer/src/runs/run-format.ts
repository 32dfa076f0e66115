/** How runs read in the table and the Compare view. */
import type { RunStatus, RunSummary } from '../../../electron/api/contracts/runs.ts';
import { formatDuration } from '../train/train-math.ts';

export const STATUS_WORDS: Record<RunStatus, string> = {
  running: 'Running',
  finished: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** The badge text; an interrupted or stopped run says how far it got. */
export function statusText(run: Pick<RunSummary, 'status' | 'epochsDone'>): string {
  if (run.status === 'interrupted') return run.epochsDone > 0 ? `Interrupted after epoch ${run.epochsDone}` : 'Interrupted before epoch 1';
  if (run.status === 'stopped') return `Stopped after epoch ${run.epochsDone}`;
  return STATUS_WORDS[run.status];
}

/** Why a run failed, for its status cell; null for a run that did not fail (or failed without a message). */
export function failureText(run: Pick<RunSummary, 'status' | 'error'>): string | null {
  const message = run.status === 'failed' ? run.error?.trim() : undefined;
  return message ? message : null;
}

/** 0.97812 → "97.81 %"; null → "—". */
export function formatAccuracy(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)} %`;
}

/** 407050 → "407 050" (narrow no-break spaces). */
/** "4.9 MB · 3 epochs": what a run's weight files take, and how many epochs can be opened. */
export function formatStored(run: { storedBytes: number; epochsKept: number[] }): string {
  if (run.epochsKept.length === 0) return '–';
  const mb = run.storedBytes / 1024 / 1024;
  const size = mb >= 10 ? `${mb.toFixed(0)} MB` : mb >= 0.1 ? `${mb.toFixed(1)} MB` : `${Math.max(1, Math.round(run.storedBytes / 1024))} kB`;
  return `${size} · ${run.epochsKept.length} epoch${run.epochsKept.length === 1 ? '' : 's'}`;
}

export function formatParams(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  return formatDuration(seconds);
}

/** "29 Nov, 12:58" in the reader's locale (the year only when it is not this year); the ISO string when it does not parse. */
export function formatRunDate(iso: string, locale?: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const year = date.getFullYear() === now.getFullYear() ? undefined : 'numeric';
  return date.toLocaleString(locale, { day: 'numeric', month: 'short', year, hour: '2-digit', minute: '2-digit' });
}

export function formatEpochs(run: Pick<RunSummary, 'epochsDone' | 'epochsPlanned'>): string {
  return `${run.epochsDone} / ${run.epochsPlanned}`;
}
