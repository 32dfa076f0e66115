/** What a card says an experiment trains and how long it takes here, from its definition. */
import { estimateExperimentSeconds, trainCountOf, variantSpec } from '../../../workers/engine/experiments/index.ts';
import type { ExperimentDefinition } from '../../../workers/engine/experiments/index.ts';

const count = (n: number) => n.toLocaleString('en-US').replace(/,/g, ' ');
const unique = <T>(values: T[]) => [...new Set(values)];

export function durationText(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s`;
  return `about ${Math.round(seconds / 60)} min`;
}

export function trainsText(experiment: ExperimentDefinition, full = false): string {
  const specs = experiment.variants.map((v) => variantSpec(experiment, v, { full }));
  const images = unique(specs.map((s) => count(trainCountOf(s))));
  const epochs = unique(specs.map((s) => s.fit.epochs));
  const validation = specs[0]!.fit.validation_split > 0 ? `, ${Math.round(specs[0]!.fit.validation_split * 100)} % held out for validation` : '';
  const epochText = epochs.length === 1 ? `${epochs[0]} epoch${epochs[0] === 1 ? '' : 's'}` : `${epochs.join(' / ')} epochs`;
  return `${experiment.variants.length} runs (${experiment.variants.map((v) => v.label).join(' · ')}), each ${epochText} on ${images.join(' / ')} images${validation}`;
}

export function timeText(experiment: ExperimentDefinition, full = false): string {
  return `${durationText(estimateExperimentSeconds(experiment, full))} here`;
}
