/**
 * Maps the lab API's dataset shapes (electron/api/contracts/datasets.ts) onto the panel's props.
 */
import type { DatasetProgress, DatasetSummary as DatasetSummaryFromApi } from '../../../electron/api/contracts/datasets.ts';
import type { DatasetSummary, DownloadProgress } from './types.ts';

export type ApiDataset = DatasetSummaryFromApi;
export type ApiDatasetProgress = DatasetProgress;

/** What the card says a dataset is; the API carries no prose. */
const ABOUT: Record<string, { description: string; trainCount: number; testCount: number }> = {
  mnist: {
    description:
      'Handwritten digits 0–9 written by American high-school students and Census Bureau staff, size-normalised and centred in 28×28 grayscale images. The "hello world" of machine learning.',
    trainCount: 60000,
    testCount: 10000,
  },
  'fashion-mnist': {
    description:
      "Zalando's drop-in replacement for MNIST: small grayscale pictures of clothes in ten classes, in the same 28×28 format — and harder to classify.",
    trainCount: 60000,
    testCount: 10000,
  },
};

/** `downloading`: the host's own flag (a download of this dataset is running). */
export function toDatasetSummary(dataset: ApiDataset, downloading: boolean): DatasetSummary {
  const about = ABOUT[dataset.name];
  return {
    name: dataset.name,
    title: dataset.title,
    description: about?.description ?? dataset.title,
    status: downloading ? 'downloading' : dataset.status,
    files: dataset.files.map((f) => ({ name: f.file, status: f.status, bytes: f.size ?? f.expectedSize, reason: f.reason })),
    trainCount: about?.trainCount,
    testCount: about?.testCount,
    classes: dataset.classes,
    bundled: dataset.bundled,
  };
}

export function toDownloadProgress(progress: ApiDatasetProgress): DownloadProgress {
  return {
    name: progress.dataset,
    file: progress.file,
    fileIndex: progress.fileIndex,
    fileCount: progress.fileCount,
    bytesDone: progress.bytesDone,
    bytesTotal: progress.bytesTotal,
    bytesPerSecond: progress.bytesPerSecond,
    etaSeconds: progress.etaSeconds,
    mirror: progress.mirror,
    attempt: progress.attempt,
  };
}
