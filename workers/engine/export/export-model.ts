/**
 * The single export entry point: one trained model → the files of every requested format, each
 * format in its own folder (`keras/model.keras`, `onnx/model.onnx`, `npz/model.npz`,
 * `tfjs/model.json` …, each with its USAGE.txt). Pure: no file system, no DOM, no Node APIs.
 */
import type * as tf from '@tensorflow/tfjs';
import { exportKeras } from './keras.ts';
import { readTrainedModel } from './trained-model.ts';
import { exportNpz } from './npz.ts';
import { exportOnnx } from './onnx.ts';
import { exportTfjs } from './tfjs.ts';
import type { ExportFile, ExportFormat, ExportMeta, ExportResult } from './types.ts';
import { EXPORT_FORMATS } from './types.ts';

/**
 * Every file gets an ArrayBuffer of its own, exactly its size, so the whole list can go in a
 * postMessage transfer list: protobufjs may hand out slices of a shared slab, and the Keras
 * weights appear both alone and inside model.keras.
 */
function withOwnBuffers(files: ExportFile[]): ExportFile[] {
  const seen = new Set<ArrayBufferLike>();
  return files.map((f) => {
    const { bytes } = f;
    const owns = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !seen.has(bytes.buffer);
    const own = owns ? bytes : bytes.slice();
    seen.add(own.buffer);
    return { name: f.name, bytes: own };
  });
}

export async function exportModel(model: tf.LayersModel, formats: readonly ExportFormat[], meta: ExportMeta = {}): Promise<ExportResult> {
  if (formats.length === 0) throw new Error('choose at least one export format');
  for (const format of formats) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new Error(`unknown export format '${String(format)}'; choose from ${EXPORT_FORMATS.join(', ')}`);
    }
  }
  const spec = readTrainedModel(model);
  const files: ExportFile[] = [];
  for (const format of new Set(formats)) {
    const produced =
      format === 'tfjs'
        ? await exportTfjs(model, spec, meta)
        : format === 'keras'
          ? await exportKeras(spec, meta)
          : format === 'onnx'
            ? exportOnnx(spec, meta)
            : exportNpz(spec, meta);
    files.push(...produced.map((f) => ({ name: `${format}/${f.name}`, bytes: f.bytes })));
  }
  return { files: withOwnBuffers(files) };
}
