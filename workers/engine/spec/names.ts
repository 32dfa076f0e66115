/** Keras' automatic layer names: `dense`, `dense_1`, `conv2d`, `max_pooling2d`, … */
import { kerasAutoNames } from '../layers/naming.ts';
import type { LayerClass } from '../layers/index.ts';

/** One name per layer: the layer's own `config.name` when given, otherwise Keras' default. */
export function kerasLayerNames(layers: readonly { class_name: LayerClass; config: { name?: string | undefined } }[]): string[] {
  return kerasAutoNames(layers.map((l) => ({ className: l.class_name, name: l.config.name })));
}
