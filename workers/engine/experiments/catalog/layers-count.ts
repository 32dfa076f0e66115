import { best, compareAccuracy, points } from '../finding-text.ts';
import { dense, output } from '../../spec/layer-builders.ts';
import { defineExperiment, layersVariant } from './define.ts';

export const layersCount = defineExperiment({
  name: 'layers',
  question: 'Are two layers enough?',
  answer:
    'One Dense layer straight to the ten outputs is a linear classifier. A hidden layer of 512 units lets the network build its own features first. ' +
    'More hidden layers can build features of features, but for MNIST the second layer does most of the work and a third mostly adds time.',
  varies: 'layers',
  recipe: { fit: { subset: 5000, epochs: 3 } },
  variants: [
    layersVariant('one', '1 Dense layer', [output()]),
    layersVariant('two', '2 Dense layers', [dense(512), output()]),
    layersVariant('three', '3 Dense layers', [dense(512), dense(512), output()]),
  ],
  reading(results) {
    const [one, two, three] = results;
    const lines: string[] = [];
    const second = compareAccuracy(two!, one!, 0.005);
    if (second.kind === 'better') lines.push(`The hidden layer added ${points(second.a, second.b)}.`);
    else if (second.kind === 'same') lines.push('The hidden layer changed little here.');
    else if (second.kind === 'worse') lines.push(`The single layer did better, by ${points(second.a, second.b)}.`);
    const third = compareAccuracy(three!, two!, 0.005);
    if (third.kind === 'better') lines.push(`A third layer added another ${points(third.a, third.b)}.`);
    else if (third.kind === 'same') lines.push('A third layer added less than half a point: two are enough here.');
    else if (third.kind === 'worse') lines.push(`A third layer did worse, by ${points(third.a, third.b)}: two are enough here.`);
    const top = best(results);
    if (top) lines.push(`Best: ${top.label}.`);
    return lines;
  },
});
