/** Shared types of the export encoders. Everything here is plain data so it crosses worker boundaries. */

export const EXPORT_FORMATS = ['tfjs', 'keras', 'onnx', 'npz'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One output file. `name` may contain '/' (e.g. `onnx/model.onnx`) when several formats are bundled. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ExportResult {
  files: ExportFile[];
}

/** How raw 0–255 pixels were turned into model inputs during training; repeated in every USAGE.txt. */
export type InputPreprocessing = 'scale' | 'raw' | 'standardize';

export interface ExportMeta {
  /** Shown in USAGE.txt and spec.json, e.g. "Chollet ch.2 MLP". */
  modelName?: string;
  /** Defaults to 'scale' (pixels / 255), the app's default recipe. */
  preprocessing?: InputPreprocessing;
  /** Mean and std used when preprocessing is 'standardize' (of the scaled 0–1 pixels). */
  standardize?: { mean: number; std: number };
  /** Export time; defaults to now. Fixed in tests so bytes are reproducible. */
  date?: Date;
  /** Written as the producer version in ONNX and spec.json. */
  appVersion?: string;
}
