import { compareAccuracy, points } from '../finding-text.ts';
import { dense, output } from '../../spec/layer-builders.ts';
import { defineExperiment, layersVariant, verdict } from './define.ts';

export const activation = defineExperiment({
  name: 'activation',
  question: 'What is the activation function for?',
  answer:
    'A Dense layer computes weighted sums; a stack of weighted sums is still one weighted sum, so without an activation two layers are no better than one. ' +
    'The relu activation (keep positive values, zero the rest) bends each unit’s output, which lets the layers together draw curved boundaries between the digits.',
  varies: 'layers',
  recipe: { fit: { subset: 5000, epochs: 3 } },
  variants: [
    layersVariant('relu', 'relu', [dense(512, 'relu'), output()]),
    layersVariant('none', 'no activation (linear)', [dense(512, 'linear'), output()]),
  ],
  reading(results) {
    const [relu, none] = results as [typeof results[0], typeof results[0]];
    const c = compareAccuracy(relu!, none!, 0.005);
    return verdict(c, {
      better: `relu won by ${points(c.a, c.b)}: without it the network is a linear model, whatever its size.`,
      same: 'Here both ended within half a point: on this little training the linear model kept up; run it bigger to see relu pull ahead.',
      worse: `Unexpectedly the linear network did better, by ${points(c.a, c.b)}; with more data and epochs relu usually wins.`,
    });
  },
});
