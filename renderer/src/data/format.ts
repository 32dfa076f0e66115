/** Numbers, sizes, durations and statuses as the Data panel shows them. */
import type { DatasetFileSummary, DatasetStatus, DatasetSummary } from '../../../electron/api/contracts/datasets.ts';
import type { ApiErrorBody } from '../../../electron/api/errors.ts';

/** What the dataset card shows: the dataset's state on disk, or that the host is downloading it. */
export type CardStatus = DatasetStatus | 'downloading';

export function cardStatus(dataset: DatasetSummary, downloading: boolean): CardStatus {
  return downloading ? 'downloading' : dataset.status;
}

/** A file's size on disk, or the size it will have (for a missing file). */
export function fileBytes(file: DatasetFileSummary): number {
  return file.size ?? file.expectedSize;
}

/** Narrow no-break space: "60 000" groups digits without letting a line break split the number. */
const GROUP = '\u202f';

/** 60000 → "60 000" (integers; the grouping the design notes use). */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
}

/** Decimal units (1 MB = 10⁶ B), like download managers: 47 040 016 → "47.0 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function formatRate(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '–';
}

/** Remaining time, coarse enough not to flicker: "8 s", "2 min 05 s", "1 h 03 min"; undefined → "estimating…". */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return 'estimating…';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** The mirror's host name ("ossci-datasets.s3.amazonaws.com"), or the text itself when it is not a URL. */
export function mirrorHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** 0–100, clamped; 0 when the total is unknown. */
export function percent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.max(0, (done / total) * 100));
}

export const STATUS_WORDS: Record<CardStatus, string> = {
  ready: 'Ready — all files present and checked',
  missing: 'Not downloaded yet',
  partial: 'Partly downloaded — some files are missing',
  corrupt: 'Damaged — some files do not match the originals',
  downloading: 'Downloading…',
};

const ERROR_TITLES: Record<string, string> = {
  DOWNLOAD_FAILED: 'The download failed',
  BAD_MIRROR: 'A download address is not allowed',
  CANCELLED: 'The download was cancelled',
  NOT_READY: 'The dataset is not ready yet',
  NO_BUNDLED_COPY: 'No offline copy ships with this app',
  FILE_NOT_FOUND: 'A file could not be found',
  WRONG_FILE_COUNT: 'Not the right number of files',
  NOT_A_DATASET_FILE: 'That file is not an MNIST-format file',
  TRUNCATED: 'A file is cut short',
  TOO_LARGE: 'A file is larger than expected',
  WRONG_IMAGE_SIZE: 'The images are not 28×28 pixels',
  UNEXPECTED_COUNT: 'A file holds an unexpected number of examples',
  COUNT_MISMATCH: 'Images and labels do not match up',
  LABEL_OUT_OF_RANGE: 'A label is outside 0–9',
  DUPLICATE_ROLE: 'The same file was given twice',
  MISSING_ROLE: 'A file is missing from the import',
  BAD_NPZ: 'That .npz file cannot be read',
  CONTENT_MISMATCH: 'A file differs from the original',
  UNKNOWN_DATASET: 'Unknown dataset',
};

export interface ErrorView {
  title: string;
  /** the first line of the message */
  summary: string;
  /** the remaining lines (one per failed mirror or file), bullets stripped */
  details: string[];
}

/** Splits a service error into a headline and one line per cause, so a multi-mirror failure reads as a list. */
export function describeError(error: ApiErrorBody): ErrorView {
  const lines = error.message
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^[-•*]\s+/, ''))
    .filter((line) => line.length > 0);
  return {
    title: ERROR_TITLES[error.code] ?? 'Something went wrong',
    summary: lines[0] ?? error.code,
    details: lines.slice(1),
  };
}

/** What the learner calls a dataset in a sentence: 'mnist' → "MNIST", 'fashion-mnist' → "Fashion-MNIST". */
export function shortName(name: string, title: string): string {
  const known: Record<string, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };
  return known[name] ?? title;
}
