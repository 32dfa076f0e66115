/**
 * Shape and parameter inference, layer by layer, with the numbers Keras' `model.summary()` prints.
 * Each layer's rule lives in its registry definition (workers/engine/layers/).
 *
 * How a 28×28 image enters the model (the first layer decides, as in Chollet's book):
 * - first layer wants a flat input (Dense) → images are flattened to [784] (ch. 2: `reshape((60000, 28 * 28))`);
 * - first layer wants an image (Conv2D, pooling) → images get a channel axis, [28, 28, 1]
 *   (ch. 8: `keras.Input(shape=(28, 28, 1))`);
 * - any other first layer (Flatten, Reshape, Dropout, BatchNormalization, …) → [28, 28].
 * The generated Keras program reshapes the arrays the same way, so exports load unchanged.
 */
import { isLayerClass, layerDefinition } from '../layers/index.ts';
import type { LayerInference, LayerSpec, Shape } from '../layers/index.ts';

export { ShapeError, pair, showShape } from '../layers/index.ts';
export type { LayerInference, Shape } from '../layers/index.ts';

const FIRST_INPUT: Record<'flat' | 'image' | 'grid', Shape> = { flat: [784], image: [28, 28, 1], grid: [28, 28] };

export function modelInputShape(firstLayer: LayerSpec | { class_name: string } | undefined): Shape {
  const className = firstLayer?.class_name;
  return [...FIRST_INPUT[isLayerClass(className) ? layerDefinition(className).firstInput : 'grid']];
}

/**
 * @param layer  "layer 3 (Conv2D)", used in messages
 * @param from   what produced `input`, e.g. "layer 2 (Dense)" or "the input image"
 */
export function inferLayer(spec: LayerSpec, input: Shape, layer: string, from: string): LayerInference {
  return layerDefinition(spec.class_name).infer(spec.config, input, { layer, from });
}
