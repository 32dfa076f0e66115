/**
 * How a layer's output is drawn in the layer-by-layer view (renderer/src/inside): each layer
 * definition's `view` names one of these, so a new layer type says once how it looks.
 */
import type { Activation } from './activations.ts';
import type { Shape } from './definition.ts';

/**
 * - feature-maps: [h, w, c] as a grid of c small greyscale images
 * - units: [n] as a grid of n cells, one per unit's activation
 * - probabilities: [10] as the ten class probabilities
 * - shape: not drawn, only noted with its shape (Flatten, Dropout, Reshape, BatchNormalization)
 */
export type LayerView = 'feature-maps' | 'units' | 'probabilities' | 'shape';

/** For layers that keep whatever shape they get (activations): drawn by the rank of their output. */
export function viewOfOutput(shape: Shape, activation?: Activation): LayerView {
  if (activation === 'softmax' && shape.length === 1) return 'probabilities';
  if (shape.length === 3) return 'feature-maps';
  if (shape.length === 1) return 'units';
  return 'shape';
}
