import { best, compareAccuracy, gaps, measuredLine, points } from '../finding-text.ts';
import type { ExperimentDefinition } from '../types.ts';
import { dense, output } from './layers.ts';

export const layersCount: ExperimentDefinition = {
  name: 'layers',
  question: 'Are two layers enough?',
  answer:
    'One Dense layer straight to the ten outputs is a linear classifier. A hidden layer of 512 units lets the network build its own features first. ' +
    'More hidden layers can build features of features, but for MNIST the second layer does most of the work and a third mostly adds time.',
  varies: 'layers',
  recipe: { fit: { subset: 5000, epochs: 3 } },
  variants: [
    { id: 'one', label: '1 Dense layer', patch: { layers: [output()] } },
    { id: 'two', label: '2 Dense layers', patch: { layers: [dense(512), output()] } },
    { id: 'three', label: '3 Dense layers', patch: { layers: [dense(512), dense(512), output()] } },
  ],
  finding(results) {
    const [one, two, three] = results;
    const lines = [measuredLine(results)];
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
    return lines.join(' ') + gaps(results);
  },
};
