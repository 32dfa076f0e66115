import { pct, points, testAccuracy } from '../finding-text.ts';
import type { VariantResult } from '../types.ts';
import { defineExperiment } from './define.ts';

function threeWay(r: VariantResult): { train: number; validation: number; test: number } | null {
  const last = r.epochs.at(-1);
  const test = testAccuracy(r);
  if (!last || last.val_accuracy === null || test === null) return null;
  return { train: last.accuracy, validation: last.val_accuracy, test };
}

export const generalisation = defineExperiment({
  name: 'generalisation',
  question: 'Does the model generalise to data it has not seen?',
  answer:
    'Accuracy on the training images is not the point: the network may have memorised them. Validation images (held out from training) and the 10 000 test images it never sees tell how it does on new digits. ' +
    'The gap between training and test accuracy shrinks as the training set grows; your own handwriting (Draw panel) is new data too.',
  varies: 'fit.subset',
  handwriting: true,
  recipe: { fit: { epochs: 4, validation_split: 0.2 } },
  variants: [
    { id: 'small', label: '2 000 images', patch: { fit: { subset: 2000 } } },
    { id: 'large', label: '10 000 images', patch: { fit: { subset: 10000 } } },
  ],
  reading(results) {
    const lines: string[] = [];
    const parts = results.map((r) => ({ r, a: threeWay(r) }));
    for (const { r, a } of parts) {
      if (a) lines.push(`${r.label}: train ${pct(a.train)}, validation ${pct(a.validation)}, test ${pct(a.test)} (train − test: ${points(a.train, a.test)}).`);
    }
    const [small, large] = parts;
    if (small?.a && large?.a) {
      const gapSmall = small.a.train - small.a.test;
      const gapLarge = large.a.train - large.a.test;
      lines.push(
        gapLarge < gapSmall
          ? `More training images narrowed the gap between what the model saw and what it did not (${points(gapSmall, 0)} → ${points(gapLarge, 0)}).`
          : `The gap did not narrow with more images here (${points(gapSmall, 0)} → ${points(gapLarge, 0)}).`,
      );
      lines.push(
        Math.abs(large.a.validation - large.a.test) < 0.02
          ? 'Validation and test accuracy agree within 2 points: the held-out images predict new-data accuracy well.'
          : `Validation and test differ by ${points(large.a.validation, large.a.test)}: the validation set is small.`,
      );
    }
    const scored = results.filter((r) => r.handwriting !== null);
    if (scored.length > 0) {
      const n = scored[0]!.handwriting!.count;
      lines.push(`On your own ${n} handwritten digit${n === 1 ? '' : 's'}: ${scored.map((r) => `${r.label} ${pct(r.handwriting!.accuracy)}`).join(', ')}.`);
      const [a, b] = scored;
      if (a && b && large?.a) {
        lines.push(
          b.handwriting!.accuracy < large.a.test - 0.1
            ? 'Your handwriting is harder for it than MNIST’s test digits: it was drawn differently from the 250 writers the training images come from.'
            : 'It read your handwriting about as well as, or better than, MNIST’s own test digits.',
        );
      }
    } else {
      lines.push('Draw a few digits into “My handwriting” (Draw panel) and run it again to see how it does on your handwriting.');
    }
    return lines;
  },
});
