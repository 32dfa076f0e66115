/**
 * Run storage: one folder per training run under `<dataDir>/runs/<id>/` holding record.json (all
 * metadata, histories, test metrics) and the last checkpoint's weights (`model-eNNNN.bin`). Every
 * write is atomic (temp + fsync + rename); a run is created by renaming a complete temp folder into
 * place, so a run folder without a readable record.json is damaged, never half-made.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanAbandonedTemps, ensureDirSync, ensurePrivateDirSync, writeFileAtomic, writeJsonAtomic } from '../atomic-file.ts';
import { MAX_BATCH_POINTS, RUN_ID_PATTERN } from '../../api/contracts/runs.ts';
import type {
  BatchPoint,
  EpochMetrics,
  FinishStatus,
  RunList,
  RunRecord,
  RunSettings,
  RunStatus,
  RunSummary,
  TestMetrics,
} from '../../api/contracts/runs.ts';
import type { ExperimentTag } from '../../../workers/engine/experiments/types.ts';
import type { PixelTransform } from '../../../workers/engine/data.ts';
import type { ModelSpec } from '../../../workers/engine/spec/schema.ts';
import { validateSpec } from '../../../workers/engine/spec/validate.ts';
import { appendThinned } from './decimate.ts';
import { RunsError } from './errors.ts';
import { checkModelBlob } from './model-blob.ts';
import { checkpointFileName, parseStoredRecord, RECORD_FILE, RECORD_FORMAT, toRunRecord, toSummary } from './record.ts';
import type { StoredRecord } from './record.ts';
import { newRunId, runDirFor } from './run-id.ts';
import { specSummary } from './spec-summary.ts';
import { PROCESS_TOKEN, processAlive } from './writer.ts';
import type { WriterStamp } from './writer.ts';

export const QUARANTINE_DIR = '.quarantine';
const CREATING_PREFIX = '.creating-';
/** Temp names of the atomic writer before they carried a pid: only a run nobody writes may have them removed. */
const LEGACY_TEMP = /^\..+\.[0-9a-f]{8}\.partial$/;
/**
 * Read errors that say the record itself is bad (gone from its folder, not a file). Anything else
 * (EMFILE, EACCES, EBUSY, EIO…) is the machine's state right now, not the run's: never quarantined.
 */
const DAMAGED_READ_CODES = new Set(['ENOENT', 'EISDIR', 'ENOTDIR']);
/** A 'running' record from a live pid that has not been written for this long is a reused pid. */
const STALE_WRITER_MS = 12 * 60 * 60 * 1000;

export interface RunsServiceOptions {
  dataDir: string;
  /** tests: pretend to be another process */
  writer?: WriterStamp;
  now?: () => Date;
  /** largest number of per-batch points kept per run */
  maxBatchPoints?: number;
  /**
   * The most bytes of per-epoch weights one run keeps (the last checkpoint is always kept): a number,
   * or a function read at each checkpoint (the learner's setting, which may change while a run trains).
   */
  maxEpochWeightBytes?: number | (() => number);
}

/** 256 MB: 160 epochs of the 1.6 MB MLP, 7 of a 35 MB convnet. */
export const DEFAULT_MAX_EPOCH_WEIGHT_BYTES = 256 * 1024 * 1024;

export interface CreateRunInput {
  spec: ModelSpec;
  settings: RunSettings;
  name?: string | undefined;
  preset?: string | null;
  transform?: PixelTransform | null;
  experiment?: ExperimentTag | null;
}

export interface FinishRunInput {
  status: FinishStatus;
  batches?: readonly BatchPoint[];
  test?: TestMetrics | null;
  confusion?: number[][] | null;
  transform?: PixelTransform | null;
  seconds?: number | null;
  error?: string | null;
}

export interface CleanupReport {
  /** temp files and half-created run folders removed */
  removedTemp: number;
  /** runs whose writer died, now marked 'interrupted' on disk */
  interrupted: string[];
}

export interface RunsService {
  readonly runsDir: string;
  list(): RunList;
  get(id: string): RunRecord;
  compare(ids: readonly string[]): RunRecord[];
  create(input: CreateRunInput): RunSummary;
  recordEpoch(id: string, epoch: EpochMetrics, batches?: readonly BatchPoint[]): RunSummary;
  recordBatches(id: string, batches: readonly BatchPoint[]): RunSummary;
  checkpoint(id: string, epoch: number, bytes: Uint8Array): { id: string; epoch: number; bytes: number };
  finish(id: string, input: FinishRunInput): RunSummary;
  rename(id: string, name: string): RunSummary;
  delete(id: string): { id: string };
  /** the last checkpoint's weights, or epoch `epoch`'s when it was kept */
  loadModel(id: string, epoch?: number): Uint8Array;
  /** Launch housekeeping: temp files of crashed writers, orphan checkpoints, dead writers' runs. */
  cleanup(): CleanupReport;
  /**
   * Marks every run this process is still writing as interrupted: for the host to call when the
   * renderer that was training goes away (reload, crash) while the main process lives on.
   */
  interruptActive(): string[];
}

export function createRunsService(options: RunsServiceOptions): RunsService {
  const runsDir = join(options.dataDir, 'runs');
  const writer: WriterStamp = options.writer ?? { pid: process.pid, token: PROCESS_TOKEN };
  const now = options.now ?? (() => new Date());
  const maxBatchPoints = options.maxBatchPoints ?? MAX_BATCH_POINTS;
  const cap = options.maxEpochWeightBytes ?? DEFAULT_MAX_EPOCH_WEIGHT_BYTES;
  const maxEpochWeightBytes = typeof cap === 'function' ? cap : () => cap;
  /** runs this service instance is writing */
  const active = new Set<string>();
  const notices: string[] = [];
  ensurePrivateDirSync(runsDir);

  function effectiveStatus(record: StoredRecord): RunStatus {
    if (record.status !== 'running') return record.status;
    if (record.writer.token === writer.token) return active.has(record.id) ? 'running' : 'interrupted';
    if (!processAlive(record.writer.pid)) return 'interrupted';
    return now().getTime() - Date.parse(record.updatedAt) > STALE_WRITER_MS ? 'interrupted' : 'running';
  }

  function quarantine(id: string, reason: string): string {
    const stamp = now().toISOString().replaceAll(':', '-').replace('.', '-');
    const target = join(runsDir, QUARANTINE_DIR, `${id}-${stamp}`);
    ensureDirSync(join(runsDir, QUARANTINE_DIR));
    try {
      renameSync(join(runsDir, id), target);
    } catch (error) {
      // Another process quarantined or deleted it a moment ago.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RunsError('NOT_FOUND', `There is no run ${id}.`);
      throw error;
    }
    const message = `Run ${id} ${reason} and was moved to ${target}.`;
    notices.push(message);
    active.delete(id);
    return message;
  }

  /** The record, or `{damaged}` (the notice) after moving a damaged one to the quarantine. */
  function readRecord(id: string): StoredRecord | { damaged: string } {
    const dir = runDirFor(runsDir, id);
    let text: string;
    try {
      text = readFileSync(join(dir, RECORD_FILE), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOENT' && !existsSync(dir)) throw new RunsError('NOT_FOUND', `There is no run ${id}.`);
      if (!DAMAGED_READ_CODES.has(code)) {
        throw new RunsError('UNAVAILABLE', `Run ${id} could not be read just now (${code || (error as Error).message}); it was left as it is. Try again in a moment.`);
      }
      return { damaged: quarantine(id, `had no readable ${RECORD_FILE} (${code})`) };
    }
    const parsed = parseStoredRecord(text, id);
    if (!parsed.ok) return { damaged: quarantine(id, `had a damaged ${RECORD_FILE} (it ${parsed.reason})`) };
    return parsed.record;
  }

  function load(id: string): StoredRecord {
    const record = readRecord(id);
    if ('damaged' in record) throw new RunsError('NOT_FOUND', record.damaged);
    return record;
  }

  /** A record this process may still write to. */
  function loadWritable(id: string): StoredRecord {
    const record = load(id);
    if (record.status !== 'running') throw new RunsError('CONFLICT', `Run ${id} is ${record.status}; it takes no more training data.`);
    if (record.writer.token !== writer.token) throw new RunsError('CONFLICT', `Run ${id} is being written by another process (pid ${record.writer.pid}).`);
    return record;
  }

  /** Rename and delete leave a run alone while another live process is still training it. */
  function refuseIfWrittenElsewhere(record: StoredRecord, action: 'rename' | 'delete'): void {
    if (record.writer.token === writer.token || effectiveStatus(record) !== 'running') return;
    throw new RunsError(
      'CONFLICT',
      `Run ${record.id} is still being trained by another MNIST Lab process (pid ${record.writer.pid}) using this data folder; ` +
        `you can ${action} it once that training ends or that process is closed.`,
    );
  }

  function save(record: StoredRecord): void {
    record.updatedAt = now().toISOString();
    writeJsonAtomic(join(runsDir, record.id, RECORD_FILE), record);
  }

  function addBatches(record: StoredRecord, batches: readonly BatchPoint[]): void {
    if (batches.length === 0) return;
    const thinned = appendThinned({ points: record.batches, stride: record.batchStride, seen: record.batchSeen }, batches, maxBatchPoints);
    record.batches = thinned.points;
    record.batchStride = thinned.stride;
    record.batchSeen = thinned.seen;
  }

  function runIds(): string[] {
    return readdirSync(runsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && RUN_ID_PATTERN.test(entry.name))
      .map((entry) => entry.name)
      .sort()
      .reverse();
  }

  /** The weight files a record points at: every kept epoch and the last checkpoint. */
  function keptFiles(record: StoredRecord): Set<string> {
    const files = new Set(record.epochCheckpoints.map((c) => c.file));
    if (record.checkpoint) files.add(record.checkpoint.file);
    return files;
  }

  function removeOtherCheckpoints(dir: string, keep: ReadonlySet<string>): number {
    let removed = 0;
    for (const file of readdirSync(dir)) {
      if (/^model-e\d{4}\.bin$/.test(file) && !keep.has(file)) {
        rmSync(join(dir, file), { force: true });
        removed++;
      }
    }
    return removed;
  }

  return {
    runsDir,

    list() {
      const runs: RunSummary[] = [];
      const unreadable: string[] = [];
      for (const id of runIds()) {
        let record: ReturnType<typeof readRecord>;
        try {
          record = readRecord(id);
        } catch (error) {
          // Deleted by another process between the folder listing and the read.
          if (error instanceof RunsError && error.code === 'NOT_FOUND') continue;
          if (error instanceof RunsError && error.code === 'UNAVAILABLE') {
            unreadable.push(error.message);
            continue;
          }
          throw error;
        }
        if (!('damaged' in record)) runs.push(toSummary(record, effectiveStatus(record)));
      }
      return { runs, notices: [...notices, ...unreadable] };
    },

    get(id) {
      const record = load(id);
      return toRunRecord(record, effectiveStatus(record));
    },

    compare(ids) {
      return ids.map((id) => this.get(id));
    },

    create(input) {
      const report = validateSpec(input.spec);
      if (!report.ok || !report.spec) throw new RunsError('BAD_ARGUMENTS', `The model spec is not valid: ${report.errors[0]?.message ?? 'unknown error'}`);
      const spec = report.spec;
      const created = now();
      let id = newRunId(created);
      while (existsSync(join(runsDir, id))) id = newRunId(created);
      const summary = specSummary(spec);
      const record: StoredRecord = {
        format: RECORD_FORMAT,
        id,
        // A number keeps runs of the same architecture apart in the table and in Compare.
        name: input.name?.trim() || `#${readdirSync(runsDir).filter((entry) => !entry.startsWith('.')).length + 1} ${summary}`,
        preset: input.preset ?? null,
        summary,
        params: report.totalParams,
        spec,
        settings: input.settings,
        status: 'running',
        writer,
        createdAt: created.toISOString(),
        updatedAt: created.toISOString(),
        finishedAt: null,
        epochsPlanned: spec.fit.epochs,
        epochs: [],
        batches: [],
        batchStride: 1,
        batchSeen: 0,
        test: null,
        confusion: null,
        transform: input.transform ?? null,
        checkpoint: null,
        epochCheckpoints: [],
        epochCheckpointsNote: null,
        epochCheckpointsCap: null,
        seconds: null,
        error: null,
        experiment: input.experiment ?? null,
      };
      // Built complete in a temp folder, then renamed into place: a run folder is never half-made.
      const temp = join(runsDir, `${CREATING_PREFIX}${id}-${writer.pid}`);
      writeJsonAtomic(join(temp, RECORD_FILE), record);
      renameSync(temp, join(runsDir, id));
      active.add(id);
      return toSummary(record, 'running');
    },

    recordEpoch(id, epoch, batches = []) {
      const record = loadWritable(id);
      const expected = record.epochs.length + 1;
      if (epoch.epoch !== expected) throw new RunsError('CONFLICT', `Run ${id} expects epoch ${expected} next, not ${epoch.epoch}.`);
      if (epoch.epoch > record.epochsPlanned) throw new RunsError('BAD_ARGUMENTS', `Run ${id} plans ${record.epochsPlanned} epochs; epoch ${epoch.epoch} is past the end.`);
      addBatches(record, batches);
      record.epochs = [...record.epochs, epoch];
      save(record);
      return toSummary(record, 'running');
    },

    recordBatches(id, batches) {
      const record = loadWritable(id);
      addBatches(record, batches);
      save(record);
      return toSummary(record, 'running');
    },

    checkpoint(id, epoch, bytes) {
      const record = loadWritable(id);
      if (epoch > record.epochs.length) {
        throw new RunsError('CONFLICT', `Run ${id} has recorded ${record.epochs.length} epochs; a checkpoint for epoch ${epoch} must follow its runs.epoch call.`);
      }
      checkModelBlob(bytes);
      const dir = join(runsDir, id);
      const file = checkpointFileName(epoch);
      // New weights first, then the record that points at them, then the old weights go:
      // a kill at any moment leaves the record pointing at a complete file.
      writeFileAtomic(join(dir, file), bytes);
      const saved = { epoch, file, bytes: bytes.byteLength };
      // Every epoch is kept while the run's per-epoch weights fit the cap; past it only the last
      // (and once a run has reached the cap it keeps no more, even if the cap is raised meanwhile).
      const others = record.epochCheckpoints.filter((c) => c.epoch !== epoch);
      const keptBytes = others.reduce((sum, c) => sum + c.bytes, 0);
      const limit = maxEpochWeightBytes();
      if (record.epochCheckpointsCap === null && keptBytes + saved.bytes <= limit) record.epochCheckpoints = [...others, saved];
      else record.epochCheckpointsCap ??= limit;
      record.checkpoint = saved;
      save(record);
      removeOtherCheckpoints(dir, keptFiles(record));
      return { id, epoch, bytes: bytes.byteLength };
    },

    finish(id, input) {
      const record = loadWritable(id);
      addBatches(record, input.batches ?? []);
      record.status = input.status;
      record.test = input.test ?? record.test;
      record.confusion = input.confusion ?? record.confusion;
      record.transform = input.transform ?? record.transform;
      record.seconds = input.seconds ?? record.epochs.reduce((sum, e) => sum + e.seconds, 0);
      record.error = input.error ?? null;
      record.finishedAt = now().toISOString();
      save(record);
      active.delete(id);
      return toSummary(record, record.status);
    },

    rename(id, name) {
      const trimmed = name.trim();
      if (trimmed.length === 0 || trimmed.length > 120) throw new RunsError('BAD_ARGUMENTS', 'A run name has 1 to 120 characters.');
      const record = load(id);
      refuseIfWrittenElsewhere(record, 'rename');
      record.name = trimmed;
      // Renaming never takes the run away from its writer: only the name changes.
      save(record);
      return toSummary(record, effectiveStatus(record));
    },

    delete(id) {
      const dir = runDirFor(runsDir, id);
      if (!existsSync(dir)) throw new RunsError('NOT_FOUND', `There is no run ${id}.`);
      const record = readRecord(id);
      // A damaged record was just quarantined (kept, out of the list): nothing left here to delete.
      if ('damaged' in record) throw new RunsError('NOT_FOUND', record.damaged);
      refuseIfWrittenElsewhere(record, 'delete');
      // Renamed away first so a crash mid-delete never leaves a half-deleted run in the list.
      const doomed = join(runsDir, `${CREATING_PREFIX}deleting-${id}-${writer.pid}`);
      renameSync(dir, doomed);
      rmSync(doomed, { recursive: true, force: true });
      active.delete(id);
      return { id };
    },

    loadModel(id, epoch) {
      const record = load(id);
      if (!record.checkpoint) throw new RunsError('NOT_FOUND', `Run ${id} has no saved weights yet (no epoch was completed).`);
      let wanted = record.checkpoint;
      if (epoch !== undefined && epoch !== record.checkpoint.epoch) {
        const kept = record.epochCheckpoints.find((c) => c.epoch === epoch);
        if (!kept) {
          const epochs = [...keptFiles(record)].map((f) => Number(/\d+/.exec(f)?.[0])).sort((a, b) => a - b);
          throw new RunsError('NOT_FOUND', `Run ${id} keeps no weights for epoch ${epoch}; it has epoch${epochs.length === 1 ? '' : 's'} ${epochs.join(', ')}.`);
        }
        wanted = kept;
      }
      try {
        return new Uint8Array(readFileSync(join(runsDir, id, wanted.file)));
      } catch {
        throw new RunsError('NOT_FOUND', `The weights of run ${id} (${wanted.file}) are missing.`);
      }
    },

    interruptActive() {
      const interrupted: string[] = [];
      for (const id of [...active]) {
        active.delete(id);
        try {
          const record = load(id);
          if (record.status !== 'running') continue;
          record.status = 'interrupted';
          save(record);
          interrupted.push(id);
        } catch {
          // Deleted or quarantined meanwhile: nothing left to mark.
        }
      }
      return interrupted;
    },

    cleanup() {
      const report: CleanupReport = { removedTemp: 0, interrupted: [] };
      for (const entry of readdirSync(runsDir, { withFileTypes: true })) {
        if (!entry.name.startsWith(CREATING_PREFIX)) continue;
        const pid = Number(/-(\d+)$/.exec(entry.name)?.[1]);
        if (pid === writer.pid || !processAlive(pid)) {
          rmSync(join(runsDir, entry.name), { recursive: true, force: true });
          report.removedTemp++;
        }
      }
      for (const id of runIds()) {
        const dir = join(runsDir, id);
        // Temp files carry their writer's pid: only those of writers that are gone are removed.
        report.removedTemp += cleanAbandonedTemps(dir).length;
        let record: ReturnType<typeof readRecord>;
        try {
          record = readRecord(id);
        } catch {
          continue; // deleted meanwhile, or unreadable just now: left for the next start
        }
        if ('damaged' in record) continue;
        const status = effectiveStatus(record);
        if (status === 'running') continue;
        for (const file of readdirSync(dir)) {
          if (LEGACY_TEMP.test(file)) {
            rmSync(join(dir, file), { force: true });
            report.removedTemp++;
          }
        }
        report.removedTemp += removeOtherCheckpoints(dir, keptFiles(record));
        if (record.status === 'running' && status === 'interrupted') {
          record.status = 'interrupted';
          save(record);
          report.interrupted.push(id);
        }
      }
      return report;
    },
  };
}

