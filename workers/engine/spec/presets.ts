/**
 * Ready-made specs. Each is parsed through the schema, so callers get complete, default-filled specs.
 *
 * lenet5: LeCun et al. 1998 adapted the way Keras tutorials do: 'same' padding on the first
 * convolution stands in for the original 32×32 input, ReLU replaces the scaled tanh (it trains
 * faster with adam), average pooling stays as in the original subsampling layers, and the RBF
 * output becomes Dense(10, softmax). 61 706 parameters.
 */
import { averagePooling2d, conv2d, dense, flatten, maxPooling2d, output } from './layer-builders.ts';
import type { LayerSpecInput, ModelSpec, ModelSpecInput, OptimizerName } from './schema.ts';
import { parseSpec } from './validate.ts';

export const PRESET_NAMES = ['chollet-ch2', 'convnet-ch8', 'lenet5'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** What the presets share: Keras' sparse cross-entropy with accuracy, 5 epochs on scaled pixels, seed 42. */
function preset(name: PresetName, layers: LayerSpecInput[], optimizer: OptimizerName, batchSize: number): ModelSpecInput {
  return {
    name,
    layers,
    compile: { optimizer: { name: optimizer }, loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] },
    fit: { epochs: 5, batch_size: batchSize, validation_split: 0, shuffle: true, subset: null, seed: 42 },
    preprocessing: 'scale',
    input_shape: [28, 28],
  };
}

const inputs: Record<PresetName, ModelSpecInput> = {
  // Deep Learning with Python, ch. 2: 407 050 parameters, ~97.8 % test accuracy.
  'chollet-ch2': preset('chollet-ch2', [dense(512), output()], 'rmsprop', 128),
  // Deep Learning with Python, ch. 8 (2nd ed.): 104 202 parameters, ~99.1 % test accuracy.
  'convnet-ch8': preset('convnet-ch8', [conv2d(32, 3), maxPooling2d(), conv2d(64, 3), maxPooling2d(), conv2d(128, 3), flatten(), output()], 'rmsprop', 64),
  lenet5: preset(
    'lenet5',
    [conv2d(6, 5, { padding: 'same' }), averagePooling2d(), conv2d(16, 5), averagePooling2d(), flatten(), dense(120), dense(84), output()],
    'adam',
    128,
  ),
};

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** A fresh, complete copy of a preset (callers may edit it). */
export function presetSpec(name: PresetName): ModelSpec {
  return parseSpec(structuredClone(inputs[name]));
}
