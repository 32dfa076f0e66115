/**
 * Ready-made specs. Each is parsed through the schema, so callers get complete, default-filled specs.
 *
 * lenet5: LeCun et al. 1998 adapted the way Keras tutorials do: 'same' padding on the first
 * convolution stands in for the original 32×32 input, ReLU replaces the scaled tanh (it trains
 * faster with adam), average pooling stays as in the original subsampling layers, and the RBF
 * output becomes Dense(10, softmax). 61 706 parameters.
 */
import type { ModelSpec, ModelSpecInput } from './schema.ts';
import { parseSpec } from './validate.ts';

export const PRESET_NAMES = ['chollet-ch2', 'convnet-ch8', 'lenet5'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const inputs: Record<PresetName, ModelSpecInput> = {
  // Deep Learning with Python, ch. 2: 407 050 parameters, ~97.8 % test accuracy.
  'chollet-ch2': {
    name: 'chollet-ch2',
    layers: [
      { class_name: 'Dense', config: { units: 512, activation: 'relu' } },
      { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
    ],
    compile: { optimizer: { name: 'rmsprop' }, loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] },
    fit: { epochs: 5, batch_size: 128, validation_split: 0, shuffle: true, subset: null, seed: 42 },
    preprocessing: 'scale',
    input_shape: [28, 28],
  },
  // Deep Learning with Python, ch. 8 (2nd ed.): 104 202 parameters, ~99.1 % test accuracy.
  'convnet-ch8': {
    name: 'convnet-ch8',
    layers: [
      { class_name: 'Conv2D', config: { filters: 32, kernel_size: 3, activation: 'relu' } },
      { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
      { class_name: 'Conv2D', config: { filters: 64, kernel_size: 3, activation: 'relu' } },
      { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
      { class_name: 'Conv2D', config: { filters: 128, kernel_size: 3, activation: 'relu' } },
      { class_name: 'Flatten', config: {} },
      { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
    ],
    compile: { optimizer: { name: 'rmsprop' }, loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] },
    fit: { epochs: 5, batch_size: 64, validation_split: 0, shuffle: true, subset: null, seed: 42 },
    preprocessing: 'scale',
    input_shape: [28, 28],
  },
  lenet5: {
    name: 'lenet5',
    layers: [
      { class_name: 'Conv2D', config: { filters: 6, kernel_size: 5, padding: 'same', activation: 'relu' } },
      { class_name: 'AveragePooling2D', config: { pool_size: 2 } },
      { class_name: 'Conv2D', config: { filters: 16, kernel_size: 5, activation: 'relu' } },
      { class_name: 'AveragePooling2D', config: { pool_size: 2 } },
      { class_name: 'Flatten', config: {} },
      { class_name: 'Dense', config: { units: 120, activation: 'relu' } },
      { class_name: 'Dense', config: { units: 84, activation: 'relu' } },
      { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
    ],
    compile: { optimizer: { name: 'adam' }, loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] },
    fit: { epochs: 5, batch_size: 128, validation_split: 0, shuffle: true, subset: null, seed: 42 },
    preprocessing: 'scale',
    input_shape: [28, 28],
  },
};

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** A fresh, complete copy of a preset (callers may edit it). */
export function presetSpec(name: PresetName): ModelSpec {
  return parseSpec(structuredClone(inputs[name]));
}
