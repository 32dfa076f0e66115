/**
 * Everything the panels share, wired once: the app connection and engine (AppState), the model
 * design, the live training monitor, the drawing pad's state, the runs list, and the actions that
 * cross panels (train, open a run or a model file, export).
 */
import type { BackendRequest } from '../../../workers/protocol.ts';
import { DataBrowser } from '../data/data-browser.svelte.ts';
import { DrawState } from '../draw/draw-state.svelte.ts';
import { ExperimentRunner } from '../experiments/experiment-runner.svelte.ts';
import { scoreHandwriting } from '../experiments/handwriting-score.ts';
import { handwritingApiFrom, type HandwritingApi } from '../draw/handwriting-api.ts';
import { HandwritingStore } from '../draw/handwriting-store.svelte.ts';
import { ModelDesign } from '../model/model-design.svelte.ts';
import { RunsState } from '../runs/runs-state.svelte.ts';
import { SettingsState } from '../settings/settings-state.svelte.ts';
import { TrainingMonitor } from '../train/training-monitor.svelte.ts';
import { AppState } from './app-state.svelte.ts';
import type { LabClient } from './lab-client.ts';
import { exportModel } from './model-export.ts';
import { openModelFile } from './open-model-file.ts';
import { openRun } from './open-run.ts';
import { EpochTravel } from '../inside/epoch-travel.svelte.ts';
import { recordTrainingRuns } from './run-recording.ts';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function connected(lab: LabClient | undefined): LabClient {
  if (!lab) throw new Error('Not connected to the lab');
  return lab;
}

/** Read its fields; change them through its methods (children never write into them). */
export class LabState {
  readonly app: AppState;
  readonly dataBrowser = new DataBrowser();
  readonly model: ModelDesign;
  readonly monitor = new TrainingMonitor();
  readonly drawing = new DrawState();
  readonly handwriting: HandwritingApi;
  readonly handwritingStore: HandwritingStore;
  readonly runs: RunsState;
  /** the epoch slider's state: which run's kept epochs the current model can move through */
  readonly epochs: EpochTravel;
  readonly experiments: ExperimentRunner;
  readonly settings: SettingsState;

  #exporting = $state<string | undefined>();
  runError = $state<string | undefined>();
  runNotice = $state<string | undefined>();
  #continueTraining = $state(false);

  readonly trainBlockedReason = $derived.by(() => {
    const { training, datasets } = this.app;
    if (training.active) return 'A training run is in progress';
    if (this.experiments.active) return 'An experiment is running (Experiments panel)';
    if (!datasets || datasets.inWorker !== datasets.selected) {
      return datasets?.current?.status === 'ready' ? 'Loading the dataset into the engine…' : 'Get the dataset first (Data panel)';
    }
    if (!this.model.report.ok) return this.model.report.errors[0]?.message ?? 'The model design has errors';
    return undefined;
  });

  /**
   * The model the Draw panel (and the look-inside view) predicts with, when there is one. While a
   * run trains: that run's last completed epoch (the worker answers between batches).
   */
  readonly drawModel = $derived.by(() => {
    const { training } = this.app;
    if (training.active) {
      const epoch = training.viewEpoch;
      const name = training.modelName;
      if (epoch === undefined || !name) return undefined;
      return { name, detail: `training: epoch ${epoch} of ${training.spec?.fit.epochs ?? '?'}, its weights` };
    }
    if (!training.modelName) return undefined;
    const accuracy = training.result?.test?.accuracy;
    return { name: training.modelName, ...(accuracy === undefined ? {} : { detail: `${(accuracy * 100).toFixed(1)} % test accuracy` }) };
  });

  /** Why the Draw panel has no model to predict with right now, when a run is training. */
  readonly drawWaiting = $derived.by(() => {
    const { training } = this.app;
    if (!training.active || this.drawModel) return undefined;
    return 'Training has just started: your drawing is read with the weights of the last completed epoch, from the end of epoch 1 on.';
  });

  constructor(storage: Storage | undefined) {
    this.app = new AppState(storage);
    this.model = new ModelDesign(storage);
    const lab = () => connected(this.app.lab);
    this.handwriting = handwritingApiFrom((name, args) => lab().call(name, args as never));
    this.handwritingStore = new HandwritingStore(this.handwriting);
    this.epochs = new EpochTravel({ lab, worker: this.app.worker, training: this.app.training });
    this.settings = new SettingsState({
      get: () => lab().call('settings.get'),
      set: (patch) => lab().call('settings.set', patch),
    });
    this.runs = new RunsState({
      list: () => lab().call('runs.list'),
      compare: (ids) => lab().call('runs.compare', { ids }),
      rename: (id, name) => lab().call('runs.rename', { id, name }),
      remove: (id) => lab().call('runs.delete', { id }),
    });
    const { training } = this.app;
    this.experiments = new ExperimentRunner({
      training,
      backend: () => this.model.design.backend,
      blockedReason: () => {
        const { datasets } = this.app;
        if (datasets && datasets.inWorker === datasets.selected) return undefined;
        return datasets?.current?.status === 'ready' ? 'Loading the dataset into the engine… try again in a moment.' : 'Get the dataset first (Data panel).';
      },
      compare: (ids) => lab().call('runs.compare', { ids }),
      scoreHandwriting: () => scoreHandwriting(this.handwriting, training.predict),
    });
    training.listen({
      onStart: (_spec, backend) => (this.monitor.backend = backend),
      onEvent: (event) => {
        this.monitor.handle(event);
        if (event.type === 'start') this.monitor.backend = training.backend;
      },
    });
    if (this.app.lab) {
      recordTrainingRuns(training, this.app.lab, {
        dataset: () => this.app.datasets?.inWorker ?? 'mnist',
        appVersion: () => this.app.info?.version ?? 'unknown',
        backend: () => training.backend,
        onSettled: (id) => {
          void this.runs.refresh();
          // The run just trained is the current model: its kept epochs can be visited.
          if (this.app.training.status === 'finished' || this.app.training.status === 'stopped') void this.epochs.attach(id);
          this.experiments.settled(id);
        },
        label: (spec) => this.experiments.label(spec),
      });
      this.app.lab.on('runs.changed', () => this.app.panel === 'runs' && void this.runs.refresh());
    }
  }

  start(): void {
    void this.app.start();
  }

  /** the model whose export dialog is open */
  get exporting(): string | undefined {
    return this.#exporting;
  }

  openExport(modelName: string): void {
    this.#exporting = modelName;
  }

  closeExport(): void {
    this.#exporting = undefined;
  }

  /** the next run starts from the current model's weights */
  get continueTraining(): boolean {
    return this.#continueTraining;
  }

  setContinueTraining(value: boolean): void {
    this.#continueTraining = value;
  }

  startTraining(backend: BackendRequest = this.model.design.backend): void {
    const spec = this.model.report.spec;
    if (!spec || this.trainBlockedReason) return;
    this.app.show('train');
    // The panel must not show the last run's "Finished" while this one starts (a backend trial can take seconds).
    this.monitor.reset();
    const { training } = this.app;
    this.epochs.detach();
    void training.start(spec, backend, spec.name ?? 'custom model', this.#continueTraining && !!training.modelName);
  }

  /** Must run inside the click that asked for it (the browser's file picker needs the gesture). */
  async openFile(): Promise<void> {
    this.runError = undefined;
    this.runNotice = undefined;
    try {
      this.epochs.detach();
      this.runNotice = await openModelFile({ worker: this.app.worker, training: this.app.training, design: this.model });
      if (this.runNotice) this.app.show('evaluate');
    } catch (error) {
      this.runError = messageOf(error);
    }
  }

  async openSavedRun(id: string, then: 'evaluate' | 'export'): Promise<void> {
    this.runError = undefined;
    try {
      const record = await openRun(id, { lab: connected(this.app.lab), worker: this.app.worker, training: this.app.training, monitor: this.monitor });
      void this.epochs.attach(record.id);
      if (then === 'export') this.#exporting = record.name;
      else this.app.show('evaluate');
    } catch (error) {
      this.runError = messageOf(error);
    }
  }

  exportCurrent(formats: Parameters<typeof exportModel>[2]): Promise<string> {
    return exportModel(this.app.worker, connected(this.app.lab), formats, this.#exporting ?? 'model');
  }
}
