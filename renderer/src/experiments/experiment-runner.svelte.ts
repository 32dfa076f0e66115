/**
 * Runs an experiment's variants one after another in the app's training worker — the same
 * TrainingState the Train panel uses, so each variant is recorded as a run (named and tagged
 * with the experiment through `label()`), then opens their comparison with the finding.
 * Stoppable: the finished variants are kept and the rest reported as not run. A variant that
 * fails (e.g. its loss diverges) is that variant's result, and the next one still runs.
 */
import type { RunInit } from '../../../electron/api/contracts/run-recorder.ts';
import type { RunRecord } from '../../../electron/api/contracts/runs.ts';
import { missingResult, VariantCollector, variantRunName, variantSpec } from '../../../workers/engine/experiments/index.ts';
import type { ExperimentDefinition, VariantResult } from '../../../workers/engine/experiments/index.ts';
import type { ModelSpec } from '../../../workers/engine/spec/schema.ts';
import type { TrainingEvent } from '../../../workers/engine/train/events.ts';
import type { BackendRequest } from '../../../workers/protocol.ts';
import type { TrainingState } from '../lib/training.svelte.ts';

export interface ExperimentRunnerDeps {
  training: TrainingState;
  backend(): BackendRequest;
  /** why no training can start now (no dataset in the engine yet …), else undefined */
  blockedReason(): string | undefined;
  compare(ids: string[]): Promise<RunRecord[]>;
}

export type ExperimentStatus = 'idle' | 'running' | 'stopping' | 'finished' | 'stopped';

export interface VariantProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
}

/** How long to wait for a finished variant's record to be saved before going on without its id. */
const SETTLE_TIMEOUT_MS = 30_000;

export class ExperimentRunner {
  status = $state<ExperimentStatus>('idle');
  experiment = $state.raw<ExperimentDefinition | undefined>();
  /** "Run it bigger": all 60 000 images */
  full = $state(false);
  /** index of the variant training now, -1 when none */
  current = $state(-1);
  results = $state.raw<VariantResult[]>([]);
  progress = $state.raw<VariantProgress | undefined>();
  finding = $state<string | undefined>();
  /** the variants' runs, for the comparison */
  records = $state.raw<RunRecord[] | null>(null);
  /** why the experiment cannot start, or what went wrong around it */
  notice = $state<string | undefined>();

  private runLabel: Pick<RunInit, 'name' | 'experiment'> | undefined;
  private awaitingSettle: ((id: string) => void) | undefined;
  private stopRequested = false;

  constructor(private readonly deps: ExperimentRunnerDeps) {}

  get active(): boolean {
    return this.status === 'running' || this.status === 'stopping';
  }

  /** For the run recorder: the name and tag of the run that is starting (undefined outside an experiment). */
  label(_spec: ModelSpec): Pick<RunInit, 'name' | 'experiment'> | undefined {
    return this.active ? this.runLabel : undefined;
  }

  /** The run recorder saved a run (any run: only the one this runner waits for counts). */
  settled(id: string): void {
    const resolve = this.awaitingSettle;
    this.awaitingSettle = undefined;
    resolve?.(id);
  }

  async run(experiment: ExperimentDefinition, full = false): Promise<void> {
    this.notice = undefined;
    if (this.active) {
      this.notice = `The experiment “${this.experiment?.question ?? ''}” is still running: stop it first.`;
      return;
    }
    const { training } = this.deps;
    if (training.active) {
      this.notice = 'The Train panel is training a model right now. Stop it (Train panel) or let it finish, then run the experiment.';
      return;
    }
    const blocked = this.deps.blockedReason();
    if (blocked) {
      this.notice = blocked;
      return;
    }
    this.experiment = experiment;
    this.full = full;
    this.status = 'running';
    this.stopRequested = false;
    this.finding = undefined;
    this.records = null;
    this.results = experiment.variants.map(missingResult);
    const runIds: (string | null)[] = experiment.variants.map(() => null);

    for (const [index, variant] of experiment.variants.entries()) {
      if (this.stopRequested) break;
      this.current = index;
      this.progress = undefined;
      const spec = variantSpec(experiment, variant, { full });
      this.runLabel = { name: variantRunName(experiment, variant, { full }), experiment: { name: experiment.name, variant: variant.id } };
      const { result, runId } = await this.trainVariant(spec, new VariantCollector(variant));
      runIds[index] = runId;
      this.results = this.results.map((r, i) => (i === index ? { ...result } : r));
    }
    this.current = -1;
    this.progress = undefined;
    this.runLabel = undefined;
    this.finding = experiment.finding(this.results);
    const ids = runIds.filter((id): id is string => id !== null);
    if (ids.length >= 2) {
      try {
        this.records = await this.deps.compare(ids);
      } catch (error) {
        this.notice = `The runs were kept, but the comparison could not be opened: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    this.status = this.stopRequested ? 'stopped' : 'finished';
  }

  async stop(): Promise<void> {
    if (!this.active) return;
    this.stopRequested = true;
    this.status = 'stopping';
    if (this.deps.training.active) await this.deps.training.stop();
  }

  /** Missing variants' labels (after a stop). */
  get missing(): string[] {
    return this.results.filter((r) => r.status === 'missing').map((r) => r.label);
  }

  private async trainVariant(spec: ModelSpec, collector: VariantCollector): Promise<{ result: VariantResult; runId: string | null }> {
    const { training } = this.deps;
    let started = false;
    let finish: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (finish = resolve));
    const settled = new Promise<string | null>((resolve) => {
      this.awaitingSettle = resolve;
      setTimeout(() => resolve(null), SETTLE_TIMEOUT_MS);
    });
    const stopListening = training.listen({
      onEvent: (event: TrainingEvent) => {
        if (event.type === 'start') started = true;
        if (event.type === 'batch') this.progress = { epoch: event.epoch, epochs: spec.fit.epochs, batch: event.batch, batchesPerEpoch: event.batchesPerEpoch };
        if (collector.handle(event)) finish();
      },
    });
    // The engine can also die without an event (crash, out of memory).
    const watchdog = setInterval(() => {
      if (training.engineLost) {
        collector.fail(`the training engine stopped: ${training.engineLost}`);
        finish();
      }
    }, 500);
    try {
      await training.start(spec, this.deps.backend(), spec.name ?? 'experiment');
      if (!started && training.status === 'failed') {
        collector.fail(training.error ?? 'the run could not start');
        this.awaitingSettle = undefined;
        return { result: collector.result, runId: null };
      }
      // a stop asked while the run was starting
      if (this.stopRequested && training.active) await training.stop();
      await ended;
      const runId = collector.result.status === 'failed' && !started ? null : await settled;
      return { result: collector.result, runId };
    } finally {
      clearInterval(watchdog);
      stopListening();
    }
  }
}
