/** The experiments, one definition each, in the order the cards show them. Adding one is one entry. */
import { activation } from './catalog/activation.ts';
import { batchSize } from './catalog/batch-size.ts';
import { denseVsConv } from './catalog/dense-vs-conv.ts';
import { epochs } from './catalog/epochs.ts';
import { float32 } from './catalog/float32.ts';
import { generalisation } from './catalog/generalisation.ts';
import { layersCount } from './catalog/layers-count.ts';
import { learningRate } from './catalog/learning-rate.ts';
import { loss } from './catalog/loss.ts';
import { metrics } from './catalog/metrics.ts';
import { optimizer } from './catalog/optimizer.ts';
import { reshape } from './catalog/reshape.ts';
import { whyScale } from './catalog/why-scale.ts';
import type { ExperimentDefinition } from './types.ts';

export const EXPERIMENTS: readonly ExperimentDefinition[] = [
  whyScale,
  batchSize,
  activation,
  layersCount,
  denseVsConv,
  optimizer,
  learningRate,
  loss,
  metrics,
  epochs,
  reshape,
  float32,
  generalisation,
];

export function findExperiment(name: string): ExperimentDefinition | undefined {
  return EXPERIMENTS.find((e) => e.name === name);
}

export * from './types.ts';
export * from './recipe.ts';
export * from './estimate.ts';
export * from './collect.ts';
export * from './table.ts';
export * from './finding-text.ts';
