/**
 * Dataset calls and events. Plain data types (no Node): the renderer imports them, and the datasets
 * service answers in exactly these types.
 */
import { z } from 'zod';
import { binary, call } from '../define.ts';

export type DatasetStatus = 'ready' | 'missing' | 'corrupt' | 'partial';
export type DatasetFileStatus = 'ok' | 'missing' | 'corrupt';
export const DATASET_FILE_ROLES = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;
export type DatasetFileRole = (typeof DATASET_FILE_ROLES)[number];

export interface DatasetFileSummary {
  file: string;
  role: DatasetFileRole;
  status: DatasetFileStatus;
  /** bytes on disk, null when the file is missing */
  size: number | null;
  expectedSize: number;
  /** why the file is not ok, in plain words (e.g. "size is 12 bytes, expected 60008") */
  reason?: string;
}

/** One catalog entry with its state on disk: what `dataset.list` and every dataset-changing call answer. */
export interface DatasetSummary {
  name: string;
  title: string;
  /** one paragraph about the dataset, from catalog.json */
  description: string;
  /** class names, index = label (Fashion-MNIST: 'T-shirt/top', …) */
  classes: string[];
  /** examples in the train / test split, as the catalog promises them */
  trainCount: number;
  testCount: number;
  status: DatasetStatus;
  /** every file's SHA-256 is pinned in the catalog */
  pinned: boolean;
  /** the app carries an offline copy that can be installed */
  bundled: boolean;
  files: DatasetFileSummary[];
}

export interface DatasetProgress {
  dataset: string;
  /** the file being fetched, e.g. 'train-images-idx3-ubyte' */
  file: string;
  /** 0-based index among the files this download fetches */
  fileIndex: number;
  fileCount: number;
  /** decompressed bytes of this file so far (restarts at 0 when an attempt fails) */
  fileBytes: number;
  fileTotal: number;
  /** decompressed bytes over all files this download fetches */
  bytesDone: number;
  bytesTotal: number;
  /** decompressed bytes per second over the last few seconds */
  bytesPerSecond: number;
  /** null until there is a rate to extrapolate from */
  etaSeconds: number | null;
  /** base URL of the mirror in use */
  mirror: string;
  /** 1-based attempt number on this mirror */
  attempt: number;
}

export const DATASET_SPLITS = ['train', 'test'] as const;
export type DatasetSplit = (typeof DATASET_SPLITS)[number];
export const DATASET_PARTS = ['images', 'labels'] as const;

const datasetName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a dataset name such as "mnist"');
const byName = z.object({ name: datasetName }).strict();

export const datasetCalls = {
  'dataset.list': call(z.object({}).strict()).returns<DatasetSummary[]>(),
  /** Resolves when every file is in place; progress arrives as `dataset.progress` events. */
  'dataset.download': call(byName).returns<DatasetSummary>(),
  'dataset.cancel': call(byName).returns<{ cancelled: boolean }>(),
  /** Re-hashes every file. */
  'dataset.verify': call(byName).returns<DatasetSummary>(),
  /** Installs the copy the app carries (offline first launch). */
  'dataset.installBundled': call(byName).returns<DatasetSummary>(),
  /** The main process asks the user for files (a dialog) — paths never come from the renderer. */
  'dataset.import': call(byName).returns<DatasetSummary | { cancelled: true }>(),
  /** The web host's import: the files the user chose in the browser, as one uncompressed zip. */
  'dataset.importArchive': call(z.object({ name: datasetName, bytes: binary() }).strict()).returns<DatasetSummary>(),
  /** Raw bytes: images [count*28*28] or labels [count], no IDX header. */
  'dataset.load': call(
    z.object({ name: datasetName, split: z.enum(DATASET_SPLITS), part: z.enum(DATASET_PARTS) }).strict(),
  ).returns<Uint8Array>(),
} as const;

export interface DatasetEvents {
  'dataset.progress': DatasetProgress;
}
