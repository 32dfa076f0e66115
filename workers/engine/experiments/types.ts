/**
 * An experiment is data: a question from Deep Learning with Python ch. 2, a short answer, the recipe
 * it trains (the default chollet-ch2 recipe with a patch: subset, epochs, …), 2–4 variants as
 * patches of that recipe which differ only in what the experiment varies, and a function that states
 * the finding from the measured numbers. Pure: no TF.js, no DOM, no Node (the renderer, the worker
 * side and the CLI share it).
 */
import type { LayerSpecInput, ModelSpecInput, Preprocessing } from '../spec/schema.ts';

/** Which part of the spec the variants differ in (a path prefix in the spec JSON), for tests and "Try it yourself". */
export type VariedSetting =
  | 'preprocessing'
  | 'fit.batch_size'
  | 'fit.epochs'
  | 'fit.subset'
  | 'compile.optimizer'
  | 'compile.loss'
  | 'layers';

/** A partial spec: objects are merged into the recipe, arrays (layers) replace it. */
export interface SpecPatch {
  layers?: LayerSpecInput[];
  compile?: Partial<ModelSpecInput['compile']>;
  fit?: NonNullable<ModelSpecInput['fit']>;
  preprocessing?: Preprocessing;
}

export interface VariantDefinition {
  /** short, stable, lower-case: tags the run ("raw") */
  id: string;
  /** what the learner reads: "raw 0–255" */
  label: string;
  patch: SpecPatch;
}

/** One epoch as the engine reported it. */
export interface EpochResult {
  epoch: number;
  loss: number;
  accuracy: number;
  val_loss: number | null;
  val_accuracy: number | null;
  seconds: number;
}

/** What one variant measured (or why it has no numbers). */
export interface VariantResult {
  id: string;
  label: string;
  /** 'missing': never ran (the experiment was stopped before it) */
  status: 'finished' | 'stopped' | 'failed' | 'missing';
  /** why it failed (e.g. the loss became NaN) */
  error: string | null;
  epochs: EpochResult[];
  test: { accuracy: number; loss: number } | null;
  /** training wall time, pauses excluded */
  seconds: number | null;
  trainCount: number | null;
  batchesPerEpoch: number | null;
  /** training loss between batch reports (not the epoch's running mean), in order */
  batches: { epoch: number; batch: number; loss: number }[];
  /** the batch at which the run failed (the NaN guard), when it did */
  failedAtBatch: number | null;
  /** on the learner's own handwriting set, for experiments that ask (null: no set, or not asked) */
  handwriting: { count: number; accuracy: number } | null;
}

export interface ExperimentDefinition {
  /** the CLI name and the runs' tag, e.g. "why-scale" */
  name: string;
  /** the card's title: "Why scale the pixels to 0–1?" */
  question: string;
  /** plain language, 2–4 sentences */
  answer: string;
  varies: VariedSetting;
  /** also score each trained variant on the learner's "My handwriting" set (Draw panel) */
  handwriting?: boolean;
  /** applied to the default recipe before each variant's patch (subset, epochs, validation …) */
  recipe: SpecPatch;
  variants: readonly VariantDefinition[];
  /**
   * The finding, from the numbers: results in the order of `variants`, missing and failed ones
   * included. Must say what happened when the expected direction does not show.
   */
  finding(results: readonly VariantResult[]): string;
}

/** How a run is tagged with the experiment that trained it. */
export interface ExperimentTag {
  name: string;
  variant: string;
}
