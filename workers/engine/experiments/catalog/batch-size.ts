import { pct, secondsPerEpoch, secs } from '../finding-text.ts';
import type { VariantResult } from '../types.ts';
import { defineExperiment, fitVariants } from './define.ts';

/** Validation accuracy of the last epoch finished by `time` seconds of training. */
function accuracyBy(result: VariantResult, time: number): { accuracy: number; epoch: number } | null {
  let elapsed = 0;
  let reached: { accuracy: number; epoch: number } | null = null;
  for (const e of result.epochs) {
    elapsed += e.seconds;
    if (elapsed > time * 1.001) break;
    if (e.val_accuracy !== null) reached = { accuracy: e.val_accuracy, epoch: e.epoch };
  }
  return reached;
}

export const batchSize = defineExperiment({
  name: 'batch-size',
  question: 'What is the batch size, and why do epochs and batch size matter?',
  answer:
    'The batch size is how many images the network looks at before it changes its weights once; an epoch is one pass over all training images. ' +
    'Small batches give many small, noisy steps per epoch; large batches give few, smoother steps and use the processor better, so an epoch takes less time. ' +
    'What counts in the end is how good the model is after the time you can spend.',
  varies: 'fit.batch_size',
  recipe: { fit: { subset: 6000, epochs: 3, validation_split: 0.1 } },
  variants: fitVariants('batch_size', 'b', [16, 128, 1024], (n) => `batch ${n}`),
  reading(results) {
    const lines: string[] = [];
    const timed = results.map((r) => ({ r, perEpoch: secondsPerEpoch(r) })).filter((t): t is { r: VariantResult; perEpoch: number } => t.perEpoch !== null);
    if (timed.length >= 2) {
      const sorted = [...timed].sort((a, b) => a.perEpoch - b.perEpoch);
      const fastest = sorted[0]!;
      const slowest = sorted.at(-1)!;
      lines.push(
        `Fastest per epoch: ${fastest.r.label} (${secs(fastest.perEpoch)} per epoch, ${fastest.r.batchesPerEpoch ?? '?'} weight updates); ` +
          `slowest: ${slowest.r.label} (${secs(slowest.perEpoch)}, ${slowest.r.batchesPerEpoch ?? '?'} updates).`,
      );
      const budget = Math.min(...timed.map((t) => t.perEpoch * t.r.epochs.length));
      const after = timed.map((t) => ({ t, reached: accuracyBy(t.r, budget) }));
      const parts = after.map(({ t, reached }) => `${t.r.label} ${reached ? `${pct(reached.accuracy)} (epoch ${reached.epoch})` : 'had not finished an epoch'}`);
      const leader = after.filter((a) => a.reached).sort((a, b) => b.reached!.accuracy - a.reached!.accuracy)[0];
      lines.push(`After the same ${secs(budget)} of training, validation accuracy: ${parts.join(', ')}${leader ? `; ${leader.t.r.label} was ahead.` : '.'}`);
    } else {
      lines.push('Fewer than two variants finished an epoch, so their speed cannot be compared.');
    }
    return lines;
  },
});
