/** Short forms of the layers the presets and the experiments write by hand (Keras defaults for the rest). */
import type { Activation, LayerSpecInput } from './schema.ts';

export const dense = (units: number, activation: Activation = 'relu'): LayerSpecInput => ({ class_name: 'Dense', config: { units, activation } });

/** Dense(10, softmax): the ten class probabilities at the end of every MNIST network here */
export const output = (): LayerSpecInput => dense(10, 'softmax');

export const conv2d = (filters: number, kernelSize: number, extra: { padding?: 'same' | 'valid' } = {}): LayerSpecInput => ({
  class_name: 'Conv2D',
  config: { filters, kernel_size: kernelSize, ...extra, activation: 'relu' },
});

export const maxPooling2d = (poolSize = 2): LayerSpecInput => ({ class_name: 'MaxPooling2D', config: { pool_size: poolSize } });

export const averagePooling2d = (poolSize = 2): LayerSpecInput => ({ class_name: 'AveragePooling2D', config: { pool_size: poolSize } });

export const flatten = (): LayerSpecInput => ({ class_name: 'Flatten', config: {} });
