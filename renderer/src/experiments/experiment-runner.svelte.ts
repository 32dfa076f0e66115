/**
 * Runs an experiment's variants one after another in the app's training worker — the same
 * TrainingState the Train panel uses, so each variant is recorded as a run (named and tagged
 * with the experiment through `label()`), then opens their comparison with the finding.
 * Stoppable: the finished variants are kept and the rest reported as not run. A variant that
 * fails (e.g. its loss diverges) is that variant's result, and the next one still runs.
 */
import type { RunInit } from '../../../workers/run-recorder.ts';
import { MAX_COMPARE, type RunRecord } from '../../../electron/api/contracts/runs.ts';
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
  /** the just-trained model on the learner's handwriting set; null when the set is empty */
  scoreHandwriting(): Promise<{ count: number; accuracy: number } | null>;
}

export type ExperimentStatus = 'idle' | 'running' | 'stopping' | 'finished' | 'stopped';

export interface VariantProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
}

/**
 * How long to wait for a finished variant's record to be saved before the next variant starts. On a
 * busy machine the writes can lag behind training; a record that settles later is still picked up
 * (records are matched to variants by their experiment tag, not by arrival order).
 */
const SETTLE_TIMEOUT_MS = 120_000;
const FINAL_SETTLE_TIMEOUT_MS = 30_000;

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
  /** runs saved while this experiment runs (only its own variants can train meanwhile) */
  private settledIds: string[] = [];
  private onSettledChange: (() => void) | undefined;
  private stopRequested = false;

  constructor(private readonly deps: ExperimentRunnerDeps) {}

  get active(): boolean {
    return this.status === 'running' || this.status === 'stopping';
  }

  /** For the run recorder: the name and tag of the run that is starting (undefined outside an experiment). */
  label(_spec: ModelSpec): Pick<RunInit, 'name' | 'experiment'> | undefined {
    return this.active ? this.runLabel : undefined;
  }

  /** The run recorder saved a run. */
  settled(id: string): void {
    if (!this.active || this.settledIds.includes(id)) return;
    this.settledIds.push(id);
    this.onSettledChange?.();
  }

  private waitForSettled(count: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.settledIds.length < count) return;
        clearTimeout(timer);
        this.onSettledChange = undefined;
        resolve();
      };
      const timer = setTimeout(() => {
        this.onSettledChange = undefined;
        resolve();
      }, timeoutMs);
      this.onSettledChange = check;
      check();
    });
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
    this.settledIds = [];
    let recorded = 0;

    for (const [index, variant] of experiment.variants.entries()) {
      if (this.stopRequested) break;
      this.current = index;
      this.progress = undefined;
      const spec = variantSpec(experiment, variant, { full });
      this.runLabel = { name: variantRunName(experiment, variant, { full }), experiment: { name: experiment.name, variant: variant.id } };
      const { result, started } = await this.trainVariant(spec, new VariantCollector(variant));
      if (experiment.handwriting && (result.status === 'finished' || result.status === 'stopped')) {
        result.handwriting = await this.deps.scoreHandwriting().catch(() => null);
      }
      if (started) await this.waitForSettled(++recorded, SETTLE_TIMEOUT_MS);
      this.results = this.results.map((r, i) => (i === index ? { ...result } : r));
    }
    this.current = -1;
    this.progress = undefined;
    this.runLabel = undefined;
    this.finding = experiment.finding(this.results);
    await this.waitForSettled(recorded, FINAL_SETTLE_TIMEOUT_MS);
    const ids = this.settledIds.slice(0, MAX_COMPARE);
    if (ids.length >= 2) {
      try {
        const order = experiment.variants.map((v) => v.id);
        const rank = (r: RunRecord) => order.indexOf(r.experiment?.variant ?? '');
        this.records = (await this.deps.compare(ids)).filter((r) => r.experiment?.name === experiment.name).sort((a, b) => rank(a) - rank(b));
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

  /** `started`: the run began, so the recorder keeps it as a run */
  private async trainVariant(spec: ModelSpec, collector: VariantCollector): Promise<{ result: VariantResult; started: boolean }> {
    const { training } = this.deps;
    let started = false;
    let finish: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (finish = resolve));
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
        return { result: collector.result, started: false };
      }
      // a stop asked while the run was starting
      if (this.stopRequested && training.active) await training.stop();
      await ended;
      return { result: collector.result, started };
    } finally {
      clearInterval(watchdog);
      stopListening();
    }
  }
}
