/** Keras 3 export: model.keras (config + metadata + weights) and model.weights.h5 on its own. */
import { encodeKerasWeightsH5 } from './keras-h5.ts';
import { kerasMetadata, kerasModelConfig } from './keras-config.ts';
import type { TrainedModel } from './trained-model.ts';
import { preprocessingText, pythonShape } from './preprocessing.ts';
import type { ExportFile, ExportMeta } from './types.ts';
import { utf8, zipStored } from './zip.ts';

function kerasUsage(spec: TrainedModel, meta: ExportMeta): string {
  const pre = preprocessingText(meta);
  return `MNIST Lab export — Keras 3${meta.modelName ? ` — ${meta.modelName}` : ''}

Files
  model.keras        full model (architecture + trained weights), Keras 3 format
  model.weights.h5   the same weights alone, for a model you build in code

Input  float32 ${pythonShape(spec.inputShape)}. ${pre.description}
Output ${pythonShape(spec.outputShape)}: one score per digit 0–9 (probabilities when the last layer is softmax).

Load the whole model (Keras 3, any backend):

    import numpy as np
    import keras
    model = keras.models.load_model("model.keras")
    # pixels: uint8 array of shape ${pythonShape(spec.inputShape)}
    x = ${pre.python}
    probabilities = model.predict(x)
    digits = probabilities.argmax(axis=1)

The model is saved uncompiled (TF.js optimizer state does not carry over).
To evaluate or keep training, compile it first, e.g.:

    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

Load only the weights into the same architecture:

    model = keras.models.load_model("model.keras")   # or rebuild the same layers in code
    model.load_weights("model.weights.h5")
`;
}

export async function exportKeras(spec: TrainedModel, meta: ExportMeta): Promise<ExportFile[]> {
  const date = meta.date ?? new Date();
  const weights = await encodeKerasWeightsH5(spec);
  const archive = zipStored(
    [
      { name: 'metadata.json', bytes: utf8(JSON.stringify(kerasMetadata(date))) },
      { name: 'config.json', bytes: utf8(JSON.stringify(kerasModelConfig(spec))) },
      { name: 'model.weights.h5', bytes: weights },
    ],
    date,
  );
  return [
    { name: 'model.keras', bytes: archive },
    { name: 'model.weights.h5', bytes: weights },
    { name: 'USAGE.txt', bytes: utf8(kerasUsage(spec, meta)) },
  ];
}
