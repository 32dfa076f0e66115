/**
 * Run storage calls: every training run is kept (spec, settings, metric histories, test metrics,
 * confusion matrix, last checkpoint's weights). Pure module (zod + the pure spec validator): the
 * renderer imports its types and the id rule; the service's records follow these types.
 *
 * Weights blob (`runs.checkpoint` bytes, `runs.model` result) — "MNIST Lab model blob v1":
 *   bytes 0–3   uint32 little-endian N = byte length of model.json
 *   bytes 4…    model.json, UTF-8: TF.js `{modelTopology, weightsManifest, format?, …}` as
 *               `tf.io.withSaveHandler` hands it over (weightsManifest paths are ignored)
 *   bytes 4+N…  weights.bin: the concatenated weight data, in weightsManifest order
 */
import { z } from 'zod';
import { binary, call } from '../define.ts';
import type { ExperimentTag } from '../../../workers/engine/experiments/types.ts';
import type { PixelTransform } from '../../../workers/engine/data.ts';
import type { Evaluation } from '../../../workers/engine/metrics.ts';
import type { ModelSpec } from '../../../workers/engine/spec/schema.ts';
import { validateSpec } from '../../../workers/engine/spec/validate.ts';

/** `2026-11-29T12-58-03-ab12`: creation time (UTC) + 4 random chars, so names sort by date. */
export const RUN_ID_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-[a-z0-9]{4}$/;
export const RUN_NAME_MAX = 120;
/** Per run, the stored per-batch points are thinned to at most this many. */
export const MAX_BATCH_POINTS = 2000;
/** Per `runs.epoch` call. */
export const MAX_BATCH_POINTS_PER_CALL = 5000;
export const MAX_EPOCHS = 1000;
export const MAX_COMPARE = 4;

export type RunStatus = 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted';
export type FinishStatus = 'finished' | 'stopped' | 'failed';

export function isRunId(value: unknown): value is string {
  return typeof value === 'string' && RUN_ID_PATTERN.test(value);
}

export interface RunSettings {
  /** catalog name, e.g. "mnist" */
  dataset: string;
  /** the backend actually used, e.g. "wasm" */
  backend: string;
  threads: number | null;
  appVersion: string;
  /** examples trained on / held out for validation (after subset and split) */
  trainCount: number | null;
  validationCount: number | null;
}

export interface EpochMetrics {
  /** 1-based */
  epoch: number;
  loss: number;
  acc: number;
  val_loss: number | null;
  val_acc: number | null;
  seconds: number;
}

export interface BatchPoint {
  /** 1-based */
  epoch: number;
  /** 1-based within the epoch */
  batch: number;
  loss: number;
  acc: number;
}

/** The engine's test evaluation; the record keeps its confusion matrix beside it (`RunRecord.confusion`). */
export type TestMetrics = Omit<Evaluation, 'confusion'>;

export interface RunSummary {
  id: string;
  name: string;
  /** ISO 8601 */
  createdAt: string;
  /** e.g. "Dense 512 → 10 · rmsprop · 5 ep" */
  summary: string;
  preset: string | null;
  params: number;
  epochsDone: number;
  epochsPlanned: number;
  testAccuracy: number | null;
  backend: string;
  /** training seconds so far (sum of epochs) or the total once finished */
  seconds: number;
  status: RunStatus;
  /** the epoch whose weights are saved, null before the first checkpoint */
  weightsEpoch: number | null;
  /** every epoch whose weights are kept, oldest first (only the last one for runs from before per-epoch weights) */
  epochsKept: number[];
  /** bytes of all the run's weight files */
  storedBytes: number;
  /** why later epochs' weights were not kept (the per-run cap), or null */
  epochsKeptNote: string | null;
  /** why it failed, when it did */
  error: string | null;
  /** the experiment (Experiments panel, `mnist-lab experiment run`) that trained it */
  experiment?: ExperimentTag | null;
}

export interface RunRecord extends RunSummary {
  spec: ModelSpec;
  settings: RunSettings;
  epochs: EpochMetrics[];
  /** thinned to at most MAX_BATCH_POINTS, evenly */
  batches: BatchPoint[];
  test: TestMetrics | null;
  /** confusion[trueDigit][predictedDigit] on the test set */
  confusion: number[][] | null;
  /** how raw bytes became model inputs (needed to predict with the saved weights) */
  transform: PixelTransform | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface RunList {
  runs: RunSummary[];
  /** damaged records moved aside, in plain words (since the service started) */
  notices: string[];
}

export interface RunsChanged {
  id: string;
  change: 'created' | 'progress' | 'finished' | 'renamed' | 'deleted';
}

export const runId = z.string().regex(RUN_ID_PATTERN, 'a run id such as "2026-11-29T12-58-03-ab12"');
const byId = z.object({ id: runId }).strict();
/** `epoch`: one of the run's `epochsKept`; left out, the last checkpoint */
const runModelArgs = z.object({ id: runId, epoch: z.number().int().min(1).max(100_000).optional() }).strict();
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const fraction = finite.refine((v) => v >= 0 && v <= 1, 'must be between 0 and 1');
const count = z.number().int().min(0).max(1e9);
const epochNumber = z.number().int().min(1).max(MAX_EPOCHS);
const perClass = z.array(fraction).length(10);
const shortText = (max: number) => z.string().trim().min(1).max(max);

export const runNameSchema = shortText(RUN_NAME_MAX);
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes');
export const experimentTagSchema = z.object({ name: slug, variant: slug }).strict();
export const runSettingsSchema = z
  .object({
    dataset: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a dataset name such as "mnist"'),
    backend: shortText(40),
    threads: z.number().int().min(1).max(1024).nullable().default(null),
    appVersion: shortText(40),
    trainCount: count.nullable().default(null),
    validationCount: count.nullable().default(null),
  })
  .strict();
export const epochMetricsSchema = z
  .object({
    epoch: epochNumber,
    loss: finite,
    acc: fraction,
    val_loss: finite.nullable().default(null),
    val_acc: fraction.nullable().default(null),
    seconds: finite.refine((v) => v >= 0, 'must be ≥ 0'),
  })
  .strict();
export const batchPointSchema = z.object({ epoch: epochNumber, batch: z.number().int().min(1).max(1e7), loss: finite, acc: fraction }).strict();
export const testMetricsSchema = z
  .object({ count: count, loss: finite, accuracy: fraction, precision: perClass, recall: perClass })
  .strict();
export const confusionSchema = z.array(z.array(count).length(10)).length(10);
export const transformSchema = z
  .object({ mode: z.enum(['scale', 'raw', 'standardize']), mean: finite, std: finite.refine((v) => v > 0, 'must be > 0') })
  .strict();

/** Any JSON spec, checked by the engine's own validator (default-filled on the way through). */
export const runSpecSchema = z.unknown().transform((input, ctx): ModelSpec => {
  if (JSON.stringify(input ?? null).length > 200_000) {
    ctx.addIssue({ code: 'custom', message: 'the spec is too large (over 200 000 characters)' });
    return z.NEVER;
  }
  const report = validateSpec(input);
  if (!report.ok || !report.spec) {
    for (const issue of report.errors.slice(0, 5)) ctx.addIssue({ code: 'custom', message: `${issue.path || 'spec'}: ${issue.message}` });
    if (report.errors.length === 0) ctx.addIssue({ code: 'custom', message: 'not a valid model spec' });
    return z.NEVER;
  }
  return report.spec;
});

export const runCreateArgs = z
  .object({
    spec: runSpecSchema,
    settings: runSettingsSchema,
    /** default: made from the spec, e.g. "Dense 512 → 10 · rmsprop · 5 ep" */
    name: runNameSchema.optional(),
    preset: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/).nullable().default(null),
    transform: transformSchema.nullable().default(null),
    experiment: experimentTagSchema.nullable().default(null),
  })
  .strict();
export const runEpochArgs = z
  .object({ id: runId, epoch: epochMetricsSchema, batches: z.array(batchPointSchema).max(MAX_BATCH_POINTS_PER_CALL).default([]) })
  .strict();
export const runCheckpointArgs = z.object({ id: runId, epoch: epochNumber, bytes: binary() }).strict();
export const runFinishArgs = z
  .object({
    id: runId,
    status: z.enum(['finished', 'stopped', 'failed']),
    /** the batches since the last `runs.epoch` (a stopped run's partial epoch) */
    batches: z.array(batchPointSchema).max(MAX_BATCH_POINTS_PER_CALL).default([]),
    test: testMetricsSchema.nullable().default(null),
    confusion: confusionSchema.nullable().default(null),
    transform: transformSchema.nullable().default(null),
    /** total wall time reported by the trainer; default: the sum of epoch seconds */
    seconds: finite.refine((v) => v >= 0, 'must be ≥ 0').nullable().default(null),
    error: z.string().max(2000).nullable().default(null),
  })
  .strict();
export const runRenameArgs = z.object({ id: runId, name: runNameSchema }).strict();
export const runCompareArgs = z
  .object({
    ids: z
      .array(runId)
      .min(2, 'compare at least 2 runs')
      .max(MAX_COMPARE, `compare at most ${MAX_COMPARE} runs`)
      .refine((ids) => new Set(ids).size === ids.length, 'each run only once'),
  })
  .strict();

export const runCalls = {
  'runs.list': call(z.object({}).strict()).returns<RunList>(),
  'runs.get': call(byId).returns<RunRecord>(),
  /** Full records for the Compare view, in the order asked. */
  'runs.compare': call(runCompareArgs).returns<RunRecord[]>(),
  'runs.create': call(runCreateArgs).returns<RunSummary>(),
  /** One completed epoch's metrics plus the batch points since the previous call. */
  'runs.epoch': call(runEpochArgs).returns<RunSummary>(),
  /** The model's weights after a completed epoch (see the blob format above). */
  'runs.checkpoint': call(runCheckpointArgs).returns<{ id: string; epoch: number; bytes: number }>(),
  'runs.finish': call(runFinishArgs).returns<RunSummary>(),
  'runs.rename': call(runRenameArgs).returns<RunSummary>(),
  'runs.delete': call(byId).returns<{ id: string }>(),
  /** The last checkpoint's weights blob. */
  'runs.model': call(runModelArgs).returns<Uint8Array>(),
} as const;

export interface RunEvents {
  'runs.changed': RunsChanged;
}
