import { pct } from '../finding-text.ts';
import { defineExperiment, fitVariants } from './define.ts';

export const epochs = defineExperiment({
  name: 'epochs',
  question: 'What is an epoch?',
  answer:
    'One epoch is one pass over every training image. More epochs give the network more chances to fit the training set — and, after a while, to memorise it: ' +
    'the training accuracy keeps rising while the accuracy on held-out images stalls and the validation loss turns back up. That is overfitting; a small training set shows it within seconds.',
  varies: 'fit.epochs',
  recipe: { fit: { subset: 1000, validation_split: 0.2, batch_size: 32 } },
  variants: fitVariants('epochs', 'e', [1, 5, 20], (n) => (n === 1 ? '1 epoch' : `${n} epochs`)),
  reading(results) {
    const lines: string[] = [];
    const longest = [...results].reverse().find((r) => r.epochs.length >= 3 && r.epochs.every((e) => e.val_loss !== null));
    if (!longest) return 'No variant trained three epochs with validation, so overfitting cannot be judged.';
    const lowest = longest.epochs.reduce((a, b) => (b.val_loss! < a.val_loss! ? b : a));
    const last = longest.epochs.at(-1)!;
    if (lowest.epoch < last.epoch && last.val_loss! > lowest.val_loss! * 1.05) {
      lines.push(
        `In the ${longest.label} run the validation loss was lowest after epoch ${lowest.epoch} (${lowest.val_loss!.toFixed(3)}) and rose to ${last.val_loss!.toFixed(3)} by epoch ${last.epoch}, ` +
          `while training accuracy reached ${pct(last.accuracy)} against ${pct(last.val_accuracy!)} on validation: the network began to memorise its ${longest.trainCount ?? 'few'} images.`,
      );
    } else {
      lines.push(
        `In the ${longest.label} run the validation loss was still at or near its lowest at the end (${last.val_loss!.toFixed(3)}; lowest ${lowest.val_loss!.toFixed(3)} at epoch ${lowest.epoch}): no clear overfitting yet. ` +
          `Training accuracy ${pct(last.accuracy)}, validation ${pct(last.val_accuracy!)}.`,
      );
    }
    return lines;
  },
});
