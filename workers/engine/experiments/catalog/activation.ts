import { compareAccuracy, gaps, measuredLine, points } from '../finding-text.ts';
import type { ExperimentDefinition } from '../types.ts';
import { dense, output } from './layers.ts';

export const activation: ExperimentDefinition = {
  name: 'activation',
  question: 'What is the activation function for?',
  answer:
    'A Dense layer computes weighted sums; a stack of weighted sums is still one weighted sum, so without an activation two layers are no better than one. ' +
    'The relu activation (keep positive values, zero the rest) bends each unit’s output, which lets the layers together draw curved boundaries between the digits.',
  varies: 'layers',
  recipe: { fit: { subset: 5000, epochs: 3 } },
  variants: [
    { id: 'relu', label: 'relu', patch: { layers: [dense(512, 'relu'), output()] } },
    { id: 'none', label: 'no activation (linear)', patch: { layers: [dense(512, 'linear'), output()] } },
  ],
  finding(results) {
    const [relu, none] = results as [typeof results[0], typeof results[0]];
    const c = compareAccuracy(relu!, none!, 0.005);
    const verdict =
      c.kind === 'better'
        ? `relu won by ${points(c.a, c.b)}: without it the network is a linear model, whatever its size.`
        : c.kind === 'same'
          ? 'Here both ended within half a point: on this little training the linear model kept up; run it bigger to see relu pull ahead.'
          : c.kind === 'worse'
            ? `Unexpectedly the linear network did better, by ${points(c.a, c.b)}; with more data and epochs relu usually wins.`
            : `${c.why}.`;
    return `${measuredLine(results)} ${verdict}${gaps(results)}`;
  },
};
