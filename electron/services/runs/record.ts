/**
 * The stored run record (`<run>/record.json`) and its checks on read: anything that does not match
 * is "damaged" and gets quarantined rather than breaking the list.
 */
import { z } from 'zod';
import {
  batchPointSchema,
  confusionSchema,
  epochMetricsSchema,
  experimentTagSchema,
  RUN_ID_PATTERN,
  runNameSchema,
  runSettingsSchema,
  runSpecSchema,
  testMetricsSchema,
  transformSchema,
} from '../../api/contracts/runs.ts';
import type { RunRecord, RunStatus, RunSummary } from '../../api/contracts/runs.ts';

export const RECORD_FILE = 'record.json';
export const RECORD_FORMAT = 1;

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date');

export const storedRecordSchema = z
  .object({
    format: z.literal(RECORD_FORMAT),
    id: z.string().regex(RUN_ID_PATTERN),
    name: runNameSchema,
    preset: z.string().nullable(),
    summary: z.string(),
    params: z.number().int().min(0),
    spec: runSpecSchema,
    settings: runSettingsSchema,
    status: z.enum(['running', 'finished', 'stopped', 'failed', 'interrupted']),
    writer: z.object({ pid: z.number().int(), token: z.string() }).strict(),
    createdAt: isoDate,
    updatedAt: isoDate,
    finishedAt: isoDate.nullable(),
    epochsPlanned: z.number().int().min(1),
    epochs: z.array(epochMetricsSchema),
    batches: z.array(batchPointSchema),
    batchStride: z.number().int().min(1),
    batchSeen: z.number().int().min(0),
    test: testMetricsSchema.nullable(),
    confusion: confusionSchema.nullable(),
    transform: transformSchema.nullable(),
    /** the weights file of the last checkpoint, inside the run folder */
    checkpoint: z
      .object({ epoch: z.number().int().min(0), file: z.string().regex(/^model-e\d{4}\.bin$/), bytes: z.number().int().min(0) })
      .strict()
      .nullable(),
    /**
     * Every completed epoch's weights kept so far (oldest first; the last one is `checkpoint`).
     * Records written before per-epoch weights existed have none: only `checkpoint` is there.
     */
    epochCheckpoints: z
      .array(z.object({ epoch: z.number().int().min(0), file: z.string().regex(/^model-e\d{4}\.bin$/), bytes: z.number().int().min(0) }).strict())
      .default([]),
    /** why later epochs' weights were not kept, as records before the cap setting wrote it; or null */
    epochCheckpointsNote: z.string().nullable().default(null),
    /** the per-run cap (bytes) the run's per-epoch weights reached, after which it kept only its last epoch; or null */
    epochCheckpointsCap: z.number().int().min(0).nullable().default(null),
    seconds: z.number().min(0).nullable(),
    error: z.string().nullable(),
    experiment: experimentTagSchema.nullable().default(null),
  })
  .strict();

export type StoredRecord = z.output<typeof storedRecordSchema>;

export type ParsedRecord = { ok: true; record: StoredRecord } | { ok: false; reason: string };

export function parseStoredRecord(text: string, id: string): ParsedRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'is not valid JSON' };
  }
  const parsed = storedRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `does not match the run format (${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'unknown'})` };
  }
  if (parsed.data.id !== id) return { ok: false, reason: `belongs to run ${parsed.data.id}, not ${id}` };
  return { ok: true, record: parsed.data };
}

export function checkpointFileName(epoch: number): string {
  return `model-e${String(epoch).padStart(4, '0')}.bin`;
}

/** The epochs whose weights can be opened, and what the run's weight files take on disk. */
function epochWeights(record: StoredRecord): Pick<RunSummary, 'epochsKept' | 'storedBytes' | 'epochsKeptNote'> {
  const files = new Map(record.epochCheckpoints.map((c) => [c.file, c]));
  if (record.checkpoint) files.set(record.checkpoint.file, record.checkpoint);
  const kept = [...files.values()].sort((a, b) => a.epoch - b.epoch);
  const epochsKept = kept.map((c) => c.epoch);
  const note = record.epochCheckpointsCap === null ? record.epochCheckpointsNote : capNote(epochsKept, record.epochs.length, record.epochCheckpointsCap);
  return { epochsKept, storedBytes: kept.reduce((sum, c) => sum + c.bytes, 0), epochsKeptNote: note };
}

/** 1, 2, 3, 7 → "1–3 and 7" */
export function epochRanges(epochs: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < epochs.length; ) {
    let j = i;
    while (j + 1 < epochs.length && epochs[j + 1] === epochs[j]! + 1) j++;
    ranges.push(j === i ? String(epochs[i]) : `${epochs[i]}–${epochs[j]}`);
    i = j + 1;
  }
  return ranges.length < 2 ? (ranges[0] ?? '') : `${ranges.slice(0, -1).join(', ')} and ${ranges.at(-1)}`;
}

function capText(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 || bytes === 0 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** "Kept epochs 1–12 and 20 of 20: the 256 MB cap per run was reached; change it in Settings." */
function capNote(kept: readonly number[], done: number, capBytes: number): string {
  const which = kept.length === 1 ? `Kept only epoch ${kept[0]} of ${done}` : `Kept epochs ${epochRanges(kept)} of ${done}`;
  const why = capBytes === 0 ? 'the cap per run is 0 MB (only the last epoch is kept)' : `the ${capText(capBytes)} cap per run was reached`;
  return `${which}: ${why}; change it in Settings.`;
}

export function toSummary(record: StoredRecord, status: RunStatus): RunSummary {
  const epochSeconds = record.epochs.reduce((sum, e) => sum + e.seconds, 0);
  return {
    id: record.id,
    name: record.name,
    createdAt: record.createdAt,
    summary: record.summary,
    preset: record.preset,
    params: record.params,
    epochsDone: record.epochs.length,
    epochsPlanned: record.epochsPlanned,
    testAccuracy: record.test?.accuracy ?? null,
    backend: record.settings.backend,
    seconds: record.seconds ?? epochSeconds,
    status,
    weightsEpoch: record.checkpoint?.epoch ?? null,
    ...epochWeights(record),
    error: record.error,
    experiment: record.experiment,
  };
}

export function toRunRecord(record: StoredRecord, status: RunStatus): RunRecord {
  return {
    ...toSummary(record, status),
    spec: record.spec,
    settings: record.settings,
    epochs: record.epochs,
    batches: record.batches,
    test: record.test,
    confusion: record.confusion,
    transform: record.transform,
    startedAt: record.createdAt,
    finishedAt: record.finishedAt,
  };
}
