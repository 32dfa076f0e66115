import { compareAccuracy, pct, points } from '../finding-text.ts';
import { defineExperiment } from './define.ts';

export const whyScale = defineExperiment({
  name: 'why-scale',
  question: 'Why scale the images to 0–1?',
  answer:
    'Pixels arrive as numbers from 0 to 255. The network starts with small random weights and an optimizer tuned for inputs near 0–1; ' +
    'inputs 255 times larger make the first layer’s outputs and gradients huge, so the steps overshoot. ' +
    'Scaling (÷ 255) or standardising (subtract the mean, divide by the spread) keeps every input in the range the training expects.',
  varies: 'preprocessing',
  recipe: { fit: { subset: 5000, epochs: 2 } },
  variants: [
    { id: 'scaled', label: 'scaled 0–1', patch: { preprocessing: 'scale' } },
    { id: 'raw', label: 'raw 0–255', patch: { preprocessing: 'raw' } },
    { id: 'standardized', label: 'standardised', patch: { preprocessing: 'standardize' } },
  ],
  reading([scaled, raw, standardized]) {
    const lines: string[] = [];
    const vsRaw = compareAccuracy(scaled!, raw!, 0.02);
    if (raw!.status === 'failed') lines.push('The same network could not train on unscaled pixels: the loss blew up.');
    else if (vsRaw.kind === 'better') lines.push(`Scaling won by ${points(vsRaw.a, vsRaw.b)}: the same network learns far less from unscaled pixels.`);
    else if (vsRaw.kind === 'same') lines.push(`Here raw pixels did about as well as scaled ones (${pct(vsRaw.b)} vs ${pct(vsRaw.a)}): this optimizer coped with the large inputs this time.`);
    else if (vsRaw.kind === 'worse') lines.push(`Unexpectedly, raw pixels did better, by ${points(vsRaw.a, vsRaw.b)}: try it bigger or with another seed before drawing a conclusion.`);
    else lines.push(`${vsRaw.why}.`);
    const vsStd = compareAccuracy(standardized!, scaled!, 0.01);
    if (vsStd.kind === 'same') lines.push('Standardising and scaling ended within a point of each other: both put the inputs in a small range.');
    else if (vsStd.kind === 'better') lines.push(`Standardising beat scaling by ${points(vsStd.a, vsStd.b)}.`);
    else if (vsStd.kind === 'worse') lines.push(`Scaling beat standardising by ${points(vsStd.a, vsStd.b)}.`);
    return lines;
  },
});
