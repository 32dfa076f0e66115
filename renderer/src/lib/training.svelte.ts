/**
 * The app's training session as the renderer sees it: starts, steers and listens to the worker's
 * run; keeps what the panels show after it ends (evaluation, per-image predictions, first-layer
 * weights); hands every event and checkpoint to the listeners (live charts, the runs record).
 */
import type { ModelSpec } from '../../../workers/engine/spec/schema.ts';
import type { TrainingEvent, DoneEvent } from '../../../workers/engine/train/events.ts';
import type { BackendInfo, BackendRequest, BackendTrial, EncodedModel, FirstLayerWeights, LayerOutputs, Mistakes, Saliency, TestPredictions, WeightHistogram } from '../../../workers/protocol.ts';
import type { TrainingStatus } from './training-status.ts';
import type { TrainingWorker } from './training-worker.ts';


export interface TrainingListener {
  onStart?(spec: ModelSpec, backend: BackendInfo): void;
  /** `spec` is the spec of the run the event belongs to */
  onEvent?(event: TrainingEvent, spec: ModelSpec | undefined): void;
  onCheckpoint?(epoch: number, final: boolean, model: EncodedModel): void;
}

export class TrainingState {
  status = $state<TrainingStatus>('idle');
  error = $state<string | undefined>();
  backend = $state.raw<BackendInfo | undefined>();
  /** the 'auto' choice's measurements (empty when the backend was forced) */
  trials = $state.raw<BackendTrial[]>([]);
  result = $state.raw<DoneEvent | undefined>();
  predictions = $state.raw<TestPredictions | undefined>();
  firstLayer = $state.raw<FirstLayerWeights | undefined>();
  /** a model the worker can predict with (trained here or opened from a run) */
  modelName = $state<string | undefined>();
  /** the spec of the current (or last) run */
  spec = $state.raw<ModelSpec | undefined>();
  /** while a run trains: its last completed epoch, whose weights the worker answers views with */
  viewEpoch = $state<number | undefined>();

  private listeners: TrainingListener[] = [];

  /** set when the engine died; the page must be reloaded to start a new one */
  engineLost = $state<string | undefined>();

  constructor(private readonly worker: TrainingWorker) {
    worker.onFatal((error) => {
      this.engineLost = error.message;
      if (this.active) this.status = 'failed';
      this.error = `The training engine stopped: ${error.message}`;
    });
    worker.onEvent((event) => {
      if (event.type === 'training') {
        // Set before listeners hear the run's first event (it can arrive before train() resolves).
        this.backend = event.backend;
        this.handle(event.event);
      }
      if (event.type === 'checkpoint') for (const l of this.listeners) l.onCheckpoint?.(event.epoch, event.final, event.model);
    });
  }

  listen(listener: TrainingListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  get active(): boolean {
    return this.status === 'starting' || this.status === 'running' || this.status === 'paused' || this.status === 'stopping';
  }

  async start(spec: ModelSpec, backend: BackendRequest, modelName: string, continueTraining = false): Promise<void> {
    if (this.active) return;
    this.spec = spec;
    this.status = 'starting';
    this.error = undefined;
    this.result = undefined;
    this.predictions = undefined;
    this.firstLayer = undefined;
    this.viewEpoch = undefined;
    try {
      const started = await this.worker.request('train', { spec, backend, continueTraining });
      this.backend = started.backend;
      this.trials = started.trials;
      this.modelName = modelName;
      for (const l of this.listeners) l.onStart?.(spec, started.backend);
      if (this.status === 'starting') this.status = 'running';
    } catch (error) {
      this.status = 'failed';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  async pause(): Promise<void> {
    await this.control('pause');
  }

  async resume(): Promise<void> {
    await this.control('resume');
  }

  async stop(): Promise<void> {
    this.status = 'stopping';
    await this.control('stop');
  }

  predict = (images: Uint8Array): Promise<Float32Array> => this.worker.request('predict', { images });
  /** Every layer's output for one [784]-byte image (transferred: pass a copy). */
  layerOutputs = (image: Uint8Array): Promise<LayerOutputs> => this.worker.request('layerOutputs', { image }, [image.buffer as ArrayBuffer]);
  /** A histogram of every weight variable of the current model. */
  weightHistograms = (): Promise<WeightHistogram[]> => this.worker.request('weightHistograms', {});
  /** The misclassified test images, highest loss first. */
  mistakes = (): Promise<Mistakes> => this.worker.request('mistakes', {});
  /** The saliency of the top class (or of `classIndex`) for one [784]-byte image (transferred: pass a copy). */
  saliency = (image: Uint8Array, classIndex?: number): Promise<Saliency> =>
    this.worker.request('saliency', { image, ...(classIndex === undefined ? {} : { classIndex }) }, [image.buffer as ArrayBuffer]);

  /** After a model was opened from a saved run: fresh evaluation views for it. */
  async opened(modelName: string, spec: ModelSpec | undefined, result: DoneEvent | undefined): Promise<void> {
    this.modelName = modelName;
    this.spec = spec;
    this.result = result;
    this.status = 'idle';
    await this.fetchViews();
  }

  private async control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    try {
      await this.worker.request(action, {});
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private handle(event: TrainingEvent): void {
    switch (event.type) {
      case 'paused':
        this.status = 'paused';
        break;
      case 'resumed':
        this.status = 'running';
        break;
      case 'epoch':
        this.viewEpoch = event.epoch;
        if (this.status === 'starting') this.status = 'running';
        break;
      case 'batch':
      case 'start':
        if (this.status === 'starting') this.status = 'running';
        break;
      case 'done':
        this.viewEpoch = undefined;
        this.status = event.status;
        this.result = event;
        void this.fetchViews();
        break;
      case 'error':
        this.status = 'failed';
        this.error = event.message;
        break;
    }
    for (const l of this.listeners) l.onEvent?.(event, this.spec);
  }

  private async fetchViews(): Promise<void> {
    try {
      this.predictions = await this.worker.request('testPredictions', {});
      this.firstLayer = (await this.worker.request('firstLayer', {})) ?? undefined;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
