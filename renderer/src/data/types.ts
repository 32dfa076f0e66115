/**
 * What the Data panel needs from the host. The main-process datasets service is mapped onto these
 * shapes by the lead (see the report); the optional fields are extras the panel uses when present.
 */
export type DatasetStatus = 'ready' | 'missing' | 'corrupt' | 'partial' | 'downloading';

export interface DatasetFileSummary {
  name: string;
  /** 'ok' | 'missing' | 'corrupt' from the service; shown as-is otherwise */
  status: string;
  bytes?: number;
  /** why a file is not ok, in plain words (e.g. "size is 12 bytes, expected 60008") */
  reason?: string;
}

export interface DatasetSummary {
  name: string;
  title: string;
  description: string;
  status: DatasetStatus;
  files: DatasetFileSummary[];
  trainCount?: number;
  testCount?: number;
  /** class names, index = label (Fashion-MNIST: 'T-shirt/top', …); digits '0'–'9' when absent */
  classes?: string[];
  /** an offline copy ships with the app, so "Download" works without internet */
  bundled?: boolean;
}

export interface DownloadProgress {
  name: string;
  file: string;
  /** 0-based */
  fileIndex: number;
  fileCount: number;
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond: number;
  /** undefined (or null from the service) until there is a rate to extrapolate from */
  etaSeconds: number | null | undefined;
  /** base URL of the mirror in use */
  mirror: string;
  /** 1-based attempt on this mirror, when the service retries */
  attempt?: number;
}

export interface Split {
  /** [count, 28, 28] pixels 0–255, row-major */
  images: Uint8Array;
  /** [count] class indices 0–9 */
  labels: Uint8Array;
  count: number;
}

export interface LoadedDataset {
  name: string;
  train: Split;
  test: Split;
  classes?: string[];
}

export interface DatasetErrorInfo {
  code: string;
  message: string;
}

export type SplitName = 'train' | 'test';
/** 'all' or a class index */
export type LabelFilter = 'all' | number;

/** What the host is busy doing for the selected dataset, when it is not a download. */
export type DatasetActivity = 'verifying' | 'importing' | 'loading';

export interface DataPanelProps {
  datasets: DatasetSummary[];
  selected: string;
  onselect: (name: string) => void;
  loaded: LoadedDataset | undefined;
  progress: DownloadProgress | undefined;
  error: DatasetErrorInfo | undefined;
  ondownload: (name: string) => void;
  oncancel: (name: string) => void;
  onimport: (name: string) => void;
  onverify: (name: string) => void;
}

export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
