import { compareAccuracy, points } from '../finding-text.ts';
import { defineExperiment, verdict } from './define.ts';

export const loss = defineExperiment({
  name: 'loss',
  question: 'What is a loss function?',
  answer:
    'The loss is the one number training tries to make smaller: how wrong the ten predicted probabilities are for the true digit. ' +
    'Sparse categorical cross-entropy punishes a confident wrong answer very hard (−log of the probability given to the right digit); mean squared error measures the same mistake gently, so its gradients are small once the output is near 0 or 1. ' +
    'Their values are on different scales: compare the accuracies, not the losses.',
  varies: 'compile.loss',
  recipe: { fit: { subset: 5000, epochs: 2 } },
  variants: [
    { id: 'crossentropy', label: 'sparse categorical cross-entropy', patch: { compile: { loss: 'sparse_categorical_crossentropy' } } },
    { id: 'mse', label: 'mean squared error', patch: { compile: { loss: 'mean_squared_error' } } },
  ],
  reading(results) {
    const [ce, mse] = results;
    const c = compareAccuracy(ce!, mse!, 0.005);
    return verdict(c, {
      better: `Cross-entropy trained better by ${points(c.a, c.b)}: its stronger gradients on wrong answers move the weights faster.`,
      same: 'Both ended within half a point here: for this easy task either loss works, cross-entropy is the principled choice for probabilities.',
      worse: `Mean squared error did better, by ${points(c.a, c.b)}, on this run.`,
    });
  },
});
