/**
 * Builders for catalog entries, so each entry states only what is its own: every finding opens
 * with each variant's measured line and closes with the variants that did not run; variants that
 * differ in one setting are one call.
 */
import { gaps, measuredLine, type Comparison } from '../finding-text.ts';
import type { ExperimentDefinition, SpecPatch, VariantDefinition, VariantResult } from '../types.ts';
import type { LayerSpecInput } from '../../spec/schema.ts';

export interface ExperimentEntry extends Omit<ExperimentDefinition, 'finding'> {
  /** what this experiment reads in the numbers: its sentences, in order */
  reading(results: readonly VariantResult[]): string | readonly string[];
}

export function defineExperiment(entry: ExperimentEntry): ExperimentDefinition {
  const { reading, ...definition } = entry;
  return {
    ...definition,
    finding: (results) => [measuredLine(results), ...[reading(results)].flat()].join(' ') + gaps(results),
  };
}

/** The sentence for how a compared to b; an 'unknown' comparison says why it cannot be made. */
export function verdict(c: Comparison, say: { better: string; same: string; worse: string }): string {
  return c.kind === 'unknown' ? `${c.why}.` : say[c.kind];
}

type FitSetting = keyof NonNullable<SpecPatch['fit']>;
type OptimizerPatch = NonNullable<NonNullable<SpecPatch['compile']>['optimizer']>;

/** One variant per value of a `fit` setting, with id `${idPrefix}${value}`. */
export function fitVariants(setting: FitSetting, idPrefix: string, values: readonly number[], label: (value: number) => string): VariantDefinition[] {
  return values.map((value) => ({ id: `${idPrefix}${value}`, label: label(value), patch: { fit: { [setting]: value } } }));
}

export const optimizerVariant = (id: string, label: string, optimizer: OptimizerPatch): VariantDefinition => ({ id, label, patch: { compile: { optimizer } } });

export const layersVariant = (id: string, label: string, layers: LayerSpecInput[]): VariantDefinition => ({ id, label, patch: { layers } });
