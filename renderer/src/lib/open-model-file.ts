/**
 * Opening a model file (a .keras archive, or TF.js model.json + weights) as the current model:
 * the worker reads and evaluates it; the Model panel shows its architecture when the lab knows it.
 */
import { designFromSpec } from '../model/design.ts';
import type { ModelDesign } from '../model/model-design.svelte.ts';
import { pickFiles } from './file-upload.ts';
import type { TrainingState } from './training.svelte.ts';
import type { TrainingWorker } from './training-worker.ts';

/** Must run inside the click that asked for it (the browser's file picker needs the gesture). */
export async function openModelFile(parts: { worker: TrainingWorker; training: TrainingState; design: ModelDesign }): Promise<string | undefined> {
  const chosen = await pickFiles('.keras,.json,.bin');
  if (chosen.length === 0) return undefined;
  const files = await Promise.all(chosen.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
  const info = await parts.worker.request('importModel', { files }, files.map((f) => f.bytes.buffer as ArrayBuffer));
  const name = chosen.find((f) => f.name.endsWith('.keras') || f.name.endsWith('.json'))?.name ?? 'imported model';
  if (info.spec) parts.design.design = designFromSpec(info.spec, parts.design.design.backend);
  await parts.training.opened(
    name,
    info.spec,
    info.test ? { type: 'done', status: 'finished', epochsCompleted: 0, test: info.test, transform: info.transform, seconds: 0 } : undefined,
  );
  return info.assumedPreprocessing
    ? `Opened ${name}. The file does not say how pixels were preprocessed; MNIST Lab assumes they were scaled to [0, 1] (÷ 255), as in the book.`
    : `Opened ${name}.`;
}
