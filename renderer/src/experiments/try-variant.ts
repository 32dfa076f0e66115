/** "Try it yourself": a variant's spec becomes the Model panel's design, with the setting the experiment varies highlighted. */
import { variantSpec } from '../../../workers/engine/experiments/index.ts';
import type { ExperimentDefinition, VariantDefinition } from '../../../workers/engine/experiments/index.ts';
import { designFromSpec } from '../model/design.ts';
import type { ModelDesign } from '../model/model-design.svelte.ts';

export function tryVariant(model: ModelDesign, experiment: ExperimentDefinition, variant: VariantDefinition): void {
  model.design = designFromSpec(variantSpec(experiment, variant), model.design.backend);
  model.highlight = { setting: experiment.varies, because: `${experiment.question} — ${variant.label}` };
}
