/**
 * NumPy export: model.npz with one array per weight, spec.json (the layer list) and predict_numpy.py.
 * npz entries are named `<layer>/<variable>.npy`, so `np.load("model.npz")["dense/kernel"]` —
 * the same path Keras 3 prints for `layer.kernel.path`.
 */
import type { TrainedModel } from './trained-model.ts';
import { weightPath } from './trained-model.ts';
import { encodeNpy } from './npy.ts';
import { PREDICT_NUMPY_PY } from './predict-numpy-script.ts';
import { preprocessingText, pythonShape } from './preprocessing.ts';
import type { ExportFile, ExportMeta } from './types.ts';
import { utf8, zipStored } from './zip.ts';

/** The contents of spec.json. */
export function npzSpec(spec: TrainedModel, meta: ExportMeta): Record<string, unknown> {
  const kind = meta.preprocessing ?? 'scale';
  return {
    format: 'mnist-lab-numpy',
    version: 1,
    model_name: meta.modelName ?? null,
    exported_by: `MNIST Lab${meta.appVersion ? ` ${meta.appVersion}` : ''}`,
    input_shape: spec.inputShape,
    output_shape: spec.outputShape,
    preprocessing: kind === 'standardize' ? { kind, mean: meta.standardize?.mean, std: meta.standardize?.std } : { kind },
    layers: spec.layers.map((layer) => ({
      name: layer.name,
      class_name: layer.spec.class_name,
      // the spec config with Keras' keys and defaults filled in; predict_numpy.py reads it
      config: Object.fromEntries(Object.entries(layer.spec.config).filter(([key]) => key !== 'name')),
      input_shape: layer.inputShape,
      output_shape: layer.outputShape,
      weights: layer.weights.map((w) => weightPath(layer, w)),
    })),
  };
}

function npzUsage(spec: TrainedModel, meta: ExportMeta): string {
  const pre = preprocessingText(meta);
  const names = spec.layers.flatMap((l) => l.weights.map((w) => `  ${weightPath(l, w).padEnd(36)} ${JSON.stringify(w.shape)}`));
  return `MNIST Lab export — NumPy${meta.modelName ? ` — ${meta.modelName}` : ''}

Files
  model.npz          one float32 array per weight (list below)
  spec.json          the layers in order, with their settings and weight names
  predict_numpy.py   a short NumPy-only forward pass using the two files above

Input  float32 ${pythonShape(spec.inputShape)}. ${pre.description}
Output ${pythonShape(spec.outputShape)}: one score per digit 0–9.

Predict from the command line (images.npy: uint8 pixels, shape (N, 28, 28)):

    python3 predict_numpy.py images.npy

Or from Python:

    import numpy as np
    from predict_numpy import load, predict
    spec, weights = load()                      # reads spec.json and model.npz next to the script
    probabilities = predict(spec, weights, pixels)   # pixels: uint8 (N, 28, 28); preprocessing included
    digits = probabilities.argmax(axis=1)

Read the arrays directly:

    weights = np.load("model.npz")
    weights["${spec.layers.find((l) => l.weights.length > 0)?.name ?? 'dense'}/kernel"]

Arrays (Keras layouts: Dense kernel (inputs, units); Conv2D kernel (height, width, in, out)):
${names.join('\n')}
`;
}

export function exportNpz(spec: TrainedModel, meta: ExportMeta): ExportFile[] {
  const date = meta.date ?? new Date();
  const entries = spec.layers.flatMap((layer) =>
    layer.weights.map((w) => ({ name: `${weightPath(layer, w)}.npy`, bytes: encodeNpy(w.values, w.shape) })),
  );
  return [
    { name: 'model.npz', bytes: zipStored(entries, date) },
    { name: 'spec.json', bytes: utf8(JSON.stringify(npzSpec(spec, meta), null, 2) + '\n') },
    { name: 'predict_numpy.py', bytes: utf8(PREDICT_NUMPY_PY) },
    { name: 'USAGE.txt', bytes: utf8(npzUsage(spec, meta)) },
  ];
}
