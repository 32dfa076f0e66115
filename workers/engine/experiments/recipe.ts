/**
 * Builds a variant's spec: the default recipe (chollet-ch2, the book's ch. 2 network) + the
 * experiment's recipe patch + the variant's patch, validated by the engine's own validator.
 */
import { parseSpec } from '../spec/validate.ts';
import { presetSpec } from '../spec/presets.ts';
import type { ModelSpec } from '../spec/schema.ts';
import type { ExperimentDefinition, SpecPatch, VariantDefinition } from './types.ts';

export const MNIST_TRAIN_COUNT = 60000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaced whole, never merged: an optimizer's settings belong to that optimizer (rmsprop's rho is no adam setting). */
const REPLACED_KEYS = new Set(['optimizer']);

/** Objects merge key by key; arrays, plain values and REPLACED_KEYS replace. Inputs are not changed. */
export function mergePatch<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return structuredClone(patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = key in out && !REPLACED_KEYS.has(key) ? mergePatch(out[key], value) : structuredClone(value);
  }
  return out as T;
}

export interface VariantSpecOptions {
  /**
   * "Run it bigger": all 60 000 training images; when the experiment varies the number of images,
   * every variant's share grows in proportion, the largest using all 60 000.
   */
  full?: boolean;
}

export function variantSpec(experiment: ExperimentDefinition, variant: VariantDefinition, options: VariantSpecOptions = {}): ModelSpec {
  const { name: _preset, ...recipe } = presetSpec('chollet-ch2');
  const patches: SpecPatch[] = [experiment.recipe, variant.patch];
  let spec: unknown = recipe;
  for (const patch of patches) spec = mergePatch(spec, patch);
  const built = parseSpec({ ...(spec as object), name: `${experiment.name}-${variant.id}` });
  if (options.full) built.fit.subset = experiment.varies === 'fit.subset' ? scaledSubset(experiment, built.fit.subset) : null;
  return built;
}

function scaledSubset(experiment: ExperimentDefinition, subset: number | null): number | null {
  const largest = Math.max(...experiment.variants.map((v) => variantSpec(experiment, v).fit.subset ?? MNIST_TRAIN_COUNT));
  return subset === null || subset === largest ? null : Math.round((subset * MNIST_TRAIN_COUNT) / largest);
}

/** Every variant's spec, in order. */
export function experimentSpecs(experiment: ExperimentDefinition, options: VariantSpecOptions = {}): ModelSpec[] {
  return experiment.variants.map((variant) => variantSpec(experiment, variant, options));
}

/** The run's name in the Runs panel: "why-scale · raw 0–255". */
export function variantRunName(experiment: ExperimentDefinition, variant: VariantDefinition, options: VariantSpecOptions = {}): string {
  return `${experiment.name} · ${variant.label}${options.full ? ' · 60 000' : ''}`;
}

/** Training images a spec uses (after subset and validation split). */
export function trainCountOf(spec: ModelSpec, available = MNIST_TRAIN_COUNT): number {
  const used = Math.min(spec.fit.subset ?? available, available);
  return spec.fit.validation_split === 0 ? used : Math.floor(used * (1 - spec.fit.validation_split));
}
