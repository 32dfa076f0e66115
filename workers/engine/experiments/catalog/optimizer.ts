import { best, pct, testAccuracy } from '../finding-text.ts';
import { defineExperiment, optimizerVariant } from './define.ts';

export const optimizer = defineExperiment({
  name: 'optimizer',
  question: 'What is an optimizer?',
  answer:
    'After each batch the optimizer decides how to change every weight, using the gradient: the direction in which the loss grows. ' +
    'Plain SGD steps a fixed fraction (the learning rate) against it; rmsprop and adam keep running averages of past gradients and give each weight its own step size, which usually trains faster.',
  varies: 'compile.optimizer',
  recipe: { fit: { subset: 5000, epochs: 2 } },
  variants: [
    optimizerVariant('sgd', 'sgd (lr 0.01)', { name: 'sgd', learning_rate: 0.01 }),
    optimizerVariant('rmsprop', 'rmsprop (lr 0.001)', { name: 'rmsprop', learning_rate: 0.001 }),
    optimizerVariant('adam', 'adam (lr 0.001)', { name: 'adam', learning_rate: 0.001 }),
  ],
  reading(results) {
    const lines: string[] = [];
    const top = best(results);
    const ranked = results.filter((r) => testAccuracy(r) !== null).sort((a, b) => testAccuracy(b)! - testAccuracy(a)!);
    if (top && ranked.length >= 2) {
      const last = ranked.at(-1)!;
      lines.push(`In the same two epochs ${top.label} got furthest (${pct(testAccuracy(top)!)}), ${last.label} least far (${pct(testAccuracy(last)!)}).`);
      const sgd = results[0]!;
      if (top === sgd) lines.push('Plain SGD led here; the adaptive optimizers usually lead early on.');
      else if (testAccuracy(sgd) !== null) lines.push('The adaptive optimizers took bigger useful steps than plain SGD at its default learning rate.');
    } else lines.push('Fewer than two optimizers finished, so they cannot be ranked.');
    return lines;
  },
});
