import { variantSpec } from '../recipe.ts';
import { gaps, measuredLine } from '../finding-text.ts';
import type { ExperimentDefinition, VariantResult } from '../types.ts';
import { optimizerVariant } from './define.ts';

const rate = (lr: number) => (lr >= 0.01 ? lr.toPrecision(2) : lr.toExponential(1));

interface RangeReading {
  fallsAt: number | null;
  lowestAt: number;
  lowest: number;
  blowsUpAt: number | null;
}

/** Reads the loss-against-rate curve of one range test. */
function read(result: VariantResult, lrAt: (batch: number) => number): RangeReading | null {
  const points = result.batches.filter((p) => p.epoch === 1);
  if (points.length < 5) return null;
  const first = points[0]!.loss;
  const falls = points.find((p) => p.loss < first * 0.9);
  const lowest = points.reduce((a, b) => (b.loss < a.loss ? b : a));
  const after = points.slice(points.indexOf(lowest));
  const blowUp = after.find((p) => p.loss > Math.max(lowest.loss * 4, first));
  const blowUpBatch = result.failedAtBatch ?? blowUp?.batch ?? null;
  return { fallsAt: falls ? lrAt(falls.batch) : null, lowestAt: lrAt(lowest.batch), lowest: lowest.loss, blowsUpAt: blowUpBatch === null ? null : lrAt(blowUpBatch) };
}

export const learningRate: ExperimentDefinition = {
  name: 'learning-rate',
  question: 'How big should the optimizer’s steps be?',
  answer:
    'The learning rate sets the step size. Too small and the loss hardly moves; too large and each step overshoots, so the loss jumps up and can become NaN. ' +
    'A range test finds the useful band in one short run: the rate grows a little after every batch, and the loss curve shows where it starts to fall and where it blows up.',
  varies: 'compile.optimizer',
  recipe: { fit: { subset: 4000, epochs: 1, batch_size: 32, lr_growth: 1.1 } },
  variants: [
    optimizerVariant('sgd', 'sgd from 1e-4', { name: 'sgd', learning_rate: 1e-4 }),
    optimizerVariant('adam', 'adam from 1e-6', { name: 'adam', learning_rate: 1e-6 }),
  ],
  finding(results) {
    const lines: string[] = [`After the range test: ${measuredLine(results)}`];
    const readings = results.map((r, i) => {
      const spec = variantSpec(learningRate, learningRate.variants[i]!);
      const growth = spec.fit.lr_growth ?? 1;
      return { r, reading: read(r, (batch) => spec.compile.optimizer.learning_rate * growth ** (batch - 1)) };
    });
    for (const { r, reading } of readings) {
      if (r.status === 'missing') continue;
      if (!reading) {
        lines.push(`${r.label}: too few loss readings to read a curve${r.error ? ` (${r.error})` : ''}.`);
        continue;
      }
      const falls = reading.fallsAt === null ? 'the loss never fell by 10 %' : `the loss started to fall at a rate of about ${rate(reading.fallsAt)}`;
      const blows =
        reading.blowsUpAt === null
          ? 'it had not blown up by the end of the run'
          : `${r.status === 'failed' ? 'the NaN guard stopped it' : 'it blew up'} at about ${rate(reading.blowsUpAt)}`;
      lines.push(`${r.label}: ${falls}, was lowest (${reading.lowest.toFixed(3)}) at about ${rate(reading.lowestAt)}, and ${blows}; a safe choice is about a tenth of the lowest point, ${rate(reading.lowestAt / 10)}.`);
    }
    const [sgd, adam] = readings;
    if (sgd?.reading && adam?.reading) {
      const ratio = sgd.reading.lowestAt / adam.reading.lowestAt;
      lines.push(
        ratio > 1
          ? `Adam's best rates sit about ${Math.round(ratio)}× lower than SGD's: it scales each step by the gradients' history, so the same number means a bigger step.`
          : `Here SGD's best rate was not above adam's (ratio ${ratio.toFixed(2)}).`,
      );
    }
    return lines.join(' ') + gaps(results);
  },
};
