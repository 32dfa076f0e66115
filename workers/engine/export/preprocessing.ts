/** The input transform a user must repeat outside the app, in words and in Python / JS code. */
import type { PixelTransform } from '../data.ts';
import type { ExportMeta } from './types.ts';

/** The engine keeps standardisation in raw pixel units (0–255); the exporters take it of 0–1 pixels. */
export function exportMetaFor(transform: PixelTransform, modelName: string): ExportMeta {
  return {
    modelName,
    preprocessing: transform.mode,
    ...(transform.mode === 'standardize' ? { standardize: { mean: transform.mean / 255, std: transform.std / 255 } } : {}),
  };
}

export interface PreprocessingText {
  /** One sentence for USAGE.txt. */
  description: string;
  /** Python expression turning `pixels` (uint8 array, 0–255) into model input. */
  python: string;
  /** JS expression turning `pixels` (tf.Tensor of 0–255 values) into model input. */
  js: string;
}

export function preprocessingText(meta: ExportMeta): PreprocessingText {
  const kind = meta.preprocessing ?? 'scale';
  if (kind === 'raw') {
    return { description: 'Inputs are raw pixel values 0–255 as float32.', python: 'pixels.astype("float32")', js: "pixels.cast('float32')" };
  }
  if (kind === 'standardize') {
    const s = meta.standardize;
    if (!s || !(s.std > 0)) throw new Error("preprocessing 'standardize' needs meta.standardize = { mean, std } with std > 0");
    return {
      description: `Inputs are (pixels / 255 - ${s.mean}) / ${s.std} as float32.`,
      python: `(pixels.astype("float32") / 255.0 - ${s.mean}) / ${s.std}`,
      js: `pixels.cast('float32').div(255).sub(${s.mean}).div(${s.std})`,
    };
  }
  return { description: 'Inputs are pixels / 255 (0–1) as float32.', python: 'pixels.astype("float32") / 255.0', js: "pixels.cast('float32').div(255)" };
}

/** "(N, 28, 28)"-style text for USAGE files. */
export function pythonShape(inputShape: number[]): string {
  return `(N, ${inputShape.join(', ')})`;
}
