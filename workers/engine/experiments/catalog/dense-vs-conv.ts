import { validateSpec } from '../../spec/validate.ts';
import { compareAccuracy, points, secs } from '../finding-text.ts';
import { variantSpec } from '../recipe.ts';
import { conv2d, flatten, maxPooling2d, output } from '../../spec/layer-builders.ts';
import { CHOLLET_LAYERS } from './layers.ts';
import { defineExperiment, layersVariant } from './define.ts';

export const denseVsConv = defineExperiment({
  name: 'dense',
  question: 'Why are the layers dense?',
  answer:
    '“Dense” means every unit is connected to every input: each of the 512 units looks at all 784 pixels. That is the simplest layer there is, and it is enough for MNIST. ' +
    'It ignores that neighbouring pixels belong together; a convolution looks at small patches and reuses the same weights everywhere, so it learns more from fewer parameters.',
  varies: 'layers',
  recipe: { fit: { subset: 5000, epochs: 2 } },
  variants: [
    layersVariant('dense', 'Dense network', CHOLLET_LAYERS),
    layersVariant('convnet', 'small convnet', [conv2d(16, 3), maxPooling2d(), conv2d(32, 3), maxPooling2d(), flatten(), output()]),
  ],
  reading(results) {
    const [denseRun, conv] = results;
    const params = denseVsConv.variants.map((v) => validateSpec(variantSpec(denseVsConv, v)).totalParams.toLocaleString('en-US'));
    const time = (r: (typeof results)[number]) => (r.seconds === null ? '' : ` in ${secs(r.seconds)}`);
    const lines = [`Same images, same epochs: the Dense network has ${params[0]} parameters${time(denseRun!)}, the convnet ${params[1]}${time(conv!)}.`];
    const c = compareAccuracy(conv!, denseRun!, 0.005);
    if (c.kind === 'better') lines.push(`The convnet won by ${points(c.a, c.b)} with far fewer parameters: looking at patches pays.`);
    else if (c.kind === 'same') lines.push('Both ended within half a point: on MNIST a dense network is nearly as good, with many more parameters.');
    else if (c.kind === 'worse') lines.push(`The Dense network won by ${points(c.a, c.b)} on this short budget; convnets usually catch up and pass it with more epochs.`);
    else lines.push(`${c.why}.`);
    return lines;
  },
});
