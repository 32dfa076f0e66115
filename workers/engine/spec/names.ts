/** Keras' automatic layer names: `dense`, `dense_1`, `conv2d`, `max_pooling2d`, … */
import type { LayerClass } from './schema.ts';

const SNAKE: Record<LayerClass, string> = {
  Dense: 'dense',
  Conv2D: 'conv2d',
  MaxPooling2D: 'max_pooling2d',
  AveragePooling2D: 'average_pooling2d',
  Flatten: 'flatten',
  Dropout: 'dropout',
  BatchNormalization: 'batch_normalization',
  Reshape: 'reshape',
};

/** One name per layer: the layer's own `config.name` when given, otherwise Keras' default. */
export function kerasLayerNames(layers: readonly { class_name: LayerClass; config: { name?: string | undefined } }[]): string[] {
  const counts = new Map<string, number>();
  return layers.map(({ class_name, config }) => {
    if (config.name) return config.name;
    const base = SNAKE[class_name];
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    return seen === 0 ? base : `${base}_${seen}`;
  });
}
