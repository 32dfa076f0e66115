/**
 * How long a variant takes on this kind of machine (2 cores, no GPU, the wasm engine), from the
 * multiply-adds per image. Calibrated on the measured figures in DESIGN.md §6: chollet-ch2 trains
 * ~0.5 s per 1 000 images per epoch in the Chromium worker (407 k multiply-adds per image), the ch. 8
 * convnet ~0.9 s (3.1 M multiply-adds: convolutions run far more of them per second).
 */
import { validateSpec } from '../spec/validate.ts';
import type { ModelSpec } from '../spec/schema.ts';
import { trainCountOf } from './recipe.ts';
import type { ExperimentDefinition } from './types.ts';
import { experimentSpecs } from './recipe.ts';

/** seconds per multiply-add per image, forward + backward + update */
const DENSE_SECONDS_PER_MAC = 1.25e-9;
const CONV_SECONDS_PER_MAC = 0.3e-9;
/** fixed cost of one optimizer step (kernel launches, optimizer bookkeeping) */
const SECONDS_PER_STEP = 0.002;
/** building the model, evaluating 10 000 test images, saving the run */
const SECONDS_PER_RUN = 1.5;
const TEST_IMAGES = 10000;

function macsPerImage(spec: ModelSpec): { dense: number; conv: number } {
  const report = validateSpec(spec);
  let dense = 0;
  let conv = 0;
  for (const layer of report.layers) {
    if (layer.class_name === 'Conv2D' && layer.outputShape) {
      const [h = 1, w = 1] = layer.outputShape;
      conv += layer.params * h * w;
    } else {
      // Dense (and the small per-unit costs of other layers): one multiply-add per weight
      dense += layer.params;
    }
  }
  return { dense, conv };
}

export function estimateSeconds(spec: ModelSpec): number {
  const { dense, conv } = macsPerImage(spec);
  const perImage = dense * DENSE_SECONDS_PER_MAC + conv * CONV_SECONDS_PER_MAC;
  const images = trainCountOf(spec);
  const steps = Math.ceil(images / spec.fit.batch_size) * spec.fit.epochs;
  const validation = Math.min(spec.fit.subset ?? 60000, 60000) - images;
  // evaluation is a forward pass only: about a third of a training step's work
  const evaluation = ((TEST_IMAGES + validation * spec.fit.epochs) * perImage) / 3;
  return images * spec.fit.epochs * perImage + steps * SECONDS_PER_STEP + evaluation + SECONDS_PER_RUN;
}

export function estimateExperimentSeconds(experiment: ExperimentDefinition, full = false): number {
  return experimentSpecs(experiment, { full }).reduce((sum, spec) => sum + estimateSeconds(spec), 0);
}
