/**
 * Exporting the current model: the worker encodes the formats, they are packed into one zip, and
 * the host delivers it — a save dialog in the desktop app, a browser download in the web host.
 */
import type { ExportFormat } from '../../../workers/protocol.ts';
import { zipEntries } from './file-upload.ts';
import type { LabClient } from './lab-client.ts';
import type { TrainingWorker } from './training-worker.ts';

export const EXPORT_FORMATS: { id: ExportFormat; label: string; detail: string }[] = [
  { id: 'keras', label: 'Keras 3', detail: 'model.keras and model.weights.h5 — keras.models.load_model()' },
  { id: 'onnx', label: 'ONNX', detail: 'model.onnx (opset 13) — ONNX Runtime, any language' },
  { id: 'npz', label: 'NumPy', detail: 'model.npz + spec.json + a NumPy-only predict script' },
  { id: 'tfjs', label: 'TensorFlow.js', detail: 'model.json + weights.bin — tf.loadLayersModel()' },
];

export function archiveName(modelName: string): string {
  const base = modelName.replace(/[^\w.()-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'model';
  return `mnist-lab-${base}.zip`;
}

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Resolves with a sentence for the user ("Saved to …", "Downloaded …", or cancelled). */
export async function exportModel(worker: TrainingWorker, lab: LabClient, formats: ExportFormat[], modelName: string): Promise<string> {
  // A plain copy: the caller may hand in a Svelte state proxy, which postMessage cannot clone.
  const { files } = await worker.request('exportModel', { formats: [...formats], modelName });
  const bytes = await zipEntries(Object.fromEntries(files.map((file) => [file.name, file.bytes])), 6);
  const name = archiveName(modelName);
  if (lab.kind === 'electron') {
    const saved = await lab.call('exports.save', { suggestedName: name, bytes });
    return saved.saved ? `Saved to ${saved.path}` : 'Export cancelled';
  }
  download(name, bytes);
  return `Downloaded ${name} (${files.length} files)`;
}
