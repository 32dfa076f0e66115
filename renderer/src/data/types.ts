/** The Data panel's own vocabulary; the datasets themselves are the API's types (electron/api/contracts/datasets.ts). */
import type { ApiErrorBody } from '../../../electron/api/errors.ts';
import type { DatasetProgress, DatasetSummary } from '../../../electron/api/contracts/datasets.ts';
import type { LoadedDataset } from '../../../workers/engine/data.ts';

/** 'all' or a class index */
export type LabelFilter = 'all' | number;

/** What the host is busy doing for the selected dataset, when it is not a download. */
export type DatasetActivity = 'verifying' | 'importing' | 'loading';

export interface DataPanelProps {
  datasets: DatasetSummary[];
  selected: string;
  onselect: (name: string) => void;
  loaded: LoadedDataset | undefined;
  /** the name of the dataset the host is downloading */
  downloading: string | undefined;
  progress: DatasetProgress | undefined;
  error: ApiErrorBody | undefined;
  ondownload: (name: string) => void;
  oncancel: (name: string) => void;
  onimport: (name: string) => void;
  onverify: (name: string) => void;
}

export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
