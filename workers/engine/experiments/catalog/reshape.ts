import { showShape } from '../../spec/shapes.ts';
import { validateSpec } from '../../spec/validate.ts';
import { compareAccuracy, points } from '../finding-text.ts';
import { variantSpec } from '../recipe.ts';
import type { VariantDefinition } from '../types.ts';
import { conv2d, flatten, maxPooling2d, output } from '../../spec/layer-builders.ts';
import { CHOLLET_LAYERS } from './layers.ts';
import { defineExperiment, layersVariant, verdict } from './define.ts';

function shapesOf(variant: VariantDefinition): string {
  const report = validateSpec(variantSpec(reshape, variant));
  const steps = report.layers.map((l) => `${l.class_name} → ${l.outputShape ? showShape(l.outputShape) : '?'}`);
  return `input ${report.inputShape ? showShape(report.inputShape) : '?'}, ${steps.join(', ')} (${report.totalParams.toLocaleString('en-US')} parameters)`;
}

export const reshape = defineExperiment({
  name: 'reshape',
  question: 'Why reshape the images?',
  answer:
    'A Dense layer multiplies a vector by a matrix, but an image is a 28×28 grid, so the book reshapes each image into one row of 784 numbers: the values stay, only their arrangement changes. ' +
    'The Dense layer then knows nothing about which pixels are neighbours. Keeping the grid (28×28×1: rows, columns, one colour channel) is what lets a convolution use the neighbourhood; the shapes below show each layer’s view.',
  varies: 'layers',
  recipe: { fit: { subset: 5000, epochs: 2 } },
  variants: [
    layersVariant('flat', 'flattened to 784', CHOLLET_LAYERS),
    layersVariant('grid', 'kept as 28×28×1', [{ class_name: 'Reshape', config: { target_shape: [28, 28, 1] } }, conv2d(8, 3), maxPooling2d(), flatten(), output()]),
  ],
  reading(results) {
    const [flat, grid] = results;
    const shapes = reshape.variants.map((v) => `${v.label}: ${shapesOf(v)}`).join('. ');
    const c = compareAccuracy(flat!, grid!, 0.005);
    return [
      `Shapes layer by layer — ${shapes}.`,
      verdict(c, {
        better: `The flat Dense network won by ${points(c.a, c.b)} on this short training, with many more parameters.`,
        same: 'Both ended within half a point, the grid network with far fewer parameters.',
        worse: `Keeping the grid won by ${points(c.a, c.b)} with far fewer parameters: the convolution uses which pixels are neighbours.`,
      }),
    ];
  },
});
