import { pct } from '../finding-text.ts';
import type { VariantResult } from '../types.ts';
import { defineExperiment, optimizerVariant } from './define.ts';

const percentChange = (from: number, to: number) => `${Math.abs(((to - from) / from) * 100).toFixed(0)} %`;

function curveLine(r: VariantResult): string | null {
  const first = r.epochs[0];
  const last = r.epochs.at(-1);
  if (!first || !last || first === last) return null;
  return (
    `${r.label}: loss ${first.loss.toFixed(3)} → ${last.loss.toFixed(3)} (${last.loss < first.loss ? 'down' : 'up'} ${percentChange(first.loss, last.loss)}), ` +
    `accuracy ${pct(first.accuracy)} → ${pct(last.accuracy)}`
  );
}

export const metrics = defineExperiment({
  name: 'metrics',
  question: 'What is a metric?',
  answer:
    'A metric is a number you read to judge the model; it does not steer training. Accuracy, the share of images classified right, is easy to read but jumps in steps and says nothing about how sure the model is. ' +
    'The loss is what training minimises: smooth, and it keeps falling while the model grows more confident, even when accuracy has stopped moving.',
  varies: 'compile.optimizer',
  recipe: { fit: { subset: 5000, epochs: 3 } },
  variants: [
    optimizerVariant('lr-small', 'rmsprop lr 0.001', { name: 'rmsprop', learning_rate: 0.001 }),
    optimizerVariant('lr-large', 'rmsprop lr 0.01', { name: 'rmsprop', learning_rate: 0.01 }),
  ],
  reading(results) {
    const lines: string[] = [];
    const curves = results.map(curveLine).filter((l): l is string => l !== null);
    if (curves.length > 0) lines.push(`Per epoch, ${curves.join('; ')}.`);
    const tested = results.filter((r) => r.test !== null && r.status !== 'failed');
    if (tested.length === 2) {
      const [a, b] = tested as [VariantResult, VariantResult];
      const byLoss = a.test!.loss < b.test!.loss ? a : b;
      const byAccuracy = a.test!.accuracy > b.test!.accuracy ? a : b;
      lines.push(
        byLoss === byAccuracy
          ? `On the test set loss and accuracy agree: ${byLoss.label} has the lower loss (${byLoss.test!.loss.toFixed(3)}) and the higher accuracy.`
          : `On the test set they disagree: ${byLoss.label} has the lower loss (${byLoss.test!.loss.toFixed(3)}) but ${byAccuracy.label} the higher accuracy — one ranks confidence, the other only right or wrong.`,
      );
    }
    return lines;
  },
});
