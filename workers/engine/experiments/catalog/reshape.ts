import { showShape } from '../../spec/shapes.ts';
import { validateSpec } from '../../spec/validate.ts';
import { compareAccuracy, gaps, measuredLine, points } from '../finding-text.ts';
import { variantSpec } from '../recipe.ts';
import type { ExperimentDefinition, VariantDefinition } from '../types.ts';
import { CHOLLET_LAYERS, output } from './layers.ts';

function shapesOf(variant: VariantDefinition): string {
  const report = validateSpec(variantSpec(reshape, variant));
  const steps = report.layers.map((l) => `${l.class_name} → ${l.outputShape ? showShape(l.outputShape) : '?'}`);
  return `input ${report.inputShape ? showShape(report.inputShape) : '?'}, ${steps.join(', ')} (${report.totalParams.toLocaleString('en-US')} parameters)`;
}

export const reshape: ExperimentDefinition = {
  name: 'reshape',
  question: 'Why reshape the images?',
  answer:
    'A Dense layer multiplies a vector by a matrix, but an image is a 28×28 grid, so the book reshapes each image into one row of 784 numbers: the values stay, only their arrangement changes. ' +
    'The Dense layer then knows nothing about which pixels are neighbours. Keeping the grid (28×28×1: rows, columns, one colour channel) is what lets a convolution use the neighbourhood; the shapes below show each layer’s view.',
  varies: 'layers',
  recipe: { fit: { subset: 5000, epochs: 2 } },
  variants: [
    { id: 'flat', label: 'flattened to 784', patch: { layers: CHOLLET_LAYERS } },
    {
      id: 'grid',
      label: 'kept as 28×28×1',
      patch: {
        layers: [
          { class_name: 'Reshape', config: { target_shape: [28, 28, 1] } },
          { class_name: 'Conv2D', config: { filters: 8, kernel_size: 3, activation: 'relu' } },
          { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
          { class_name: 'Flatten', config: {} },
          output(),
        ],
      },
    },
  ],
  finding(results) {
    const [flat, grid] = results;
    const shapes = reshape.variants.map((v) => `${v.label}: ${shapesOf(v)}`).join('. ');
    const c = compareAccuracy(flat!, grid!, 0.005);
    const verdict =
      c.kind === 'better'
        ? `The flat Dense network won by ${points(c.a, c.b)} on this short training, with many more parameters.`
        : c.kind === 'same'
          ? 'Both ended within half a point, the grid network with far fewer parameters.'
          : c.kind === 'worse'
            ? `Keeping the grid won by ${points(c.a, c.b)} with far fewer parameters: the convolution uses which pixels are neighbours.`
            : `${c.why}.`;
    return `${measuredLine(results)} Shapes layer by layer — ${shapes}. ${verdict}${gaps(results)}`;
  },
};
