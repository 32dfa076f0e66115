/**
 * The worker's state between requests: the dataset it was handed, the backend, the current (or
 * last) training run and its model. Runs in the worker; plain engine calls, no messaging here.
 */
import type * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendChoice, type BackendInfo } from './engine/backend.ts';
import type { SplitBytes, PixelTransform } from './engine/data.ts';
import { predict } from './engine/predict.ts';
import { layerOutputs, type LayerOutputs } from './engine/inside/layer-outputs.ts';
import { saliency, type Saliency } from './engine/inside/saliency.ts';
import { rankMistakes, type Mistakes } from './engine/inside/mistakes.ts';
import { weightHistograms, type WeightHistogram } from './engine/inside/weight-histograms.ts';
import { parseSpec } from './engine/spec/validate.ts';
import { createTraining, type TrainingRun } from './engine/train/training.ts';
import type { TrainingEvent } from './engine/train/events.ts';
import { pickFastestBackend, type BackendTrial } from './backend-trial.ts';
import { ContextLossGuard, contextLossMessage, webglCanvas } from './webgl-guard.ts';
import { encodeSnapshot, snapshotWeights, type EncodedModel } from './checkpoint.ts';
import { decodeModelBlob } from './model-blob.ts';
import { importModel, modelFromArtifacts, type ImportedModel, type ModelFile, type TfjsModelJson } from './engine/import/import-model.ts';
import { evaluate, type Evaluation } from './engine/metrics.ts';
import { buildModel } from './engine/model.ts';
import { isLayerClass, layerDefinition } from './engine/layers/index.ts';
import type { LossName, ModelSpec } from './engine/spec/schema.ts';
import { exportMetaFor, exportModel } from './engine/export/index.ts';
import type { ExportFormat } from './engine/export/types.ts';
import type { BackendRequest, FirstLayerWeights, ImportedModelInfo, TestPredictions } from './protocol.ts';

export class SessionError extends Error {
  override name = 'SessionError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class TrainingSession {
  private dataset: { name: string; train: SplitBytes; test: SplitBytes } | undefined;
  private run: TrainingRun | undefined;
  private model: tf.LayersModel | undefined;
  private transform: PixelTransform | undefined;
  private backend: BackendInfo | undefined;
  private readonly autoChoices = new Map<string, { chosen: BackendChoice; trials: BackendTrial[] }>();

  constructor(
    private readonly wasmPaths: string,
    private readonly onTrainingEvent: (event: TrainingEvent, backend: BackendInfo) => void,
    private readonly onCheckpoint: (epoch: number, final: boolean, model: EncodedModel) => void,
    /** where a WebGL context loss would be announced (tests stand in for the GPU here) */
    private readonly contextLossTarget: () => EventTarget | undefined = webglCanvas,
  ) {}

  async useBackend(choice: BackendChoice): Promise<BackendInfo> {
    if (this.backend?.backend === choice) return this.backend;
    this.backend = await initBackend(choice, { wasmPaths: this.wasmPaths });
    return this.backend;
  }

  setDataset(name: string, train: SplitBytes, test: SplitBytes): { trainCount: number; testCount: number } {
    if (this.isTraining()) throw new SessionError('BUSY', 'Stop the training before changing the dataset');
    this.dataset = { name, train, test };
    return { trainCount: train.labels.length, testCount: test.labels.length };
  }

  isTraining(): boolean {
    return this.run !== undefined && (this.run.state === 'running' || this.run.state === 'paused' || this.run.state === 'stopping');
  }

  /** 'auto' measures the model on each backend once per architecture and batch size, then remembers. */
  private async chooseBackend(spec: ModelSpec, request: BackendRequest, train: SplitBytes): Promise<{ used: BackendInfo; trials: BackendTrial[] }> {
    if (request !== 'auto') return { used: await this.useBackend(request), trials: [] };
    const key = JSON.stringify([spec.layers, spec.fit.batch_size]);
    const known = this.autoChoices.get(key);
    if (known) return { used: await this.useBackend(known.chosen), trials: known.trials };
    const { chosen, info, trials } = await pickFastestBackend(spec, train, this.wasmPaths);
    this.autoChoices.set(key, { chosen, trials });
    this.backend = info;
    return { used: this.backend, trials };
  }

  /** The current model, when `spec` describes the same layers with the same weight shapes. */
  private continuable(spec: ModelSpec): tf.LayersModel {
    const model = this.model;
    if (!model) throw new SessionError('NO_MODEL', 'There is no model to continue: train one or open a run first');
    const fresh = buildModel(spec);
    const shapes = (m: tf.LayersModel) => JSON.stringify(m.weights.map((w) => w.shape));
    const same = shapes(fresh) === shapes(model);
    fresh.dispose();
    if (!same) throw new SessionError('DIFFERENT_MODEL', 'The design in the Model panel differs from the current model, so its weights cannot be continued');
    return model;
  }

  async train(specInput: unknown, backend: BackendRequest, continueTraining = false): Promise<{ backend: BackendInfo; trials: BackendTrial[] }> {
    if (this.isTraining()) throw new SessionError('BUSY', 'A training run is already in progress');
    if (!this.dataset) throw new SessionError('NO_DATASET', 'Load a dataset before training');
    const spec = parseSpec(specInput);
    const startFrom = continueTraining ? this.continuable(spec) : undefined;
    const { used, trials } = await this.chooseBackend(spec, backend, this.dataset.train);
    const previous = this.model;
    const canvas = this.contextLossTarget();
    let position: { epoch: number | null; batch: number | null } = { epoch: null, batch: null };
    const guard = canvas && new ContextLossGuard(canvas, () => run.stop());
    const run = createTraining({
      spec,
      train: this.dataset.train,
      test: this.dataset.test,
      ...(startFrom ? { model: startFrom } : {}),
      onEvent: (event) => {
        if (event.type === 'batch') position = { epoch: event.epoch, batch: event.batch };
        if (guard?.lost) {
          // Nothing computed after the loss is reported or kept; the run ends as an error.
          if (event.type === 'done' || event.type === 'error') {
            guard.dispose();
            this.model = undefined;
            this.onTrainingEvent({ type: 'error', message: contextLossMessage(position.epoch, position.batch), ...position }, used);
          }
          return;
        }
        if (event.type === 'done' || event.type === 'error') guard?.dispose();
        // Before the next batch runs: the snapshot holds exactly this epoch's weights.
        if (event.type === 'epoch') void this.checkpoint(run.model, event.epoch, false);
        if (event.type === 'done' && event.epochsCompleted > 0) {
          // The final weights reach the run's record before the run is declared done; if they cannot
          // be encoded or handed over, the run still ends (the record keeps the last epoch's weights).
          const done = () => this.onTrainingEvent(event, used);
          void this.checkpoint(run.model, event.epochsCompleted, true).then(done, done);
          return;
        }
        this.onTrainingEvent(event, used);
      },
    });
    this.run = run;
    this.model = run.model;
    this.transform = run.transform;
    if (previous && previous !== run.model) previous.dispose();
    return { backend: used, trials };
  }

  private async checkpoint(model: tf.LayersModel, epoch: number, final: boolean): Promise<void> {
    const snapshot = snapshotWeights(model);
    this.onCheckpoint(epoch, final, await encodeSnapshot(snapshot));
  }

  async loadModel(encoded: EncodedModel, transform: PixelTransform): Promise<{ layers: number }> {
    if (this.isTraining()) throw new SessionError('BUSY', 'Stop the training before opening another model');
    if (!this.backend) await this.useBackend('wasm');
    let artifacts: ReturnType<typeof decodeModelBlob>;
    try {
      artifacts = decodeModelBlob(encoded.blob);
    } catch (error) {
      throw new SessionError('BAD_MODEL_FILE', error instanceof Error ? error.message : String(error));
    }
    const model = await modelFromArtifacts(artifacts.modelJson as TfjsModelJson, artifacts.weights);
    this.model?.dispose();
    this.model = model;
    this.transform = transform;
    this.run = undefined;
    return { layers: model.layers.length };
  }

  async importModel(files: ModelFile[]): Promise<ImportedModelInfo> {
    if (this.isTraining()) throw new SessionError('BUSY', 'Stop the training before opening another model');
    if (!this.backend) await this.useBackend('wasm');
    let imported: ImportedModel;
    try {
      imported = await importModel(files);
    } catch (error) {
      throw new SessionError('BAD_MODEL_FILE', error instanceof Error ? error.message : String(error));
    }
    this.model?.dispose();
    this.model = imported.model;
    this.transform = imported.transform;
    this.run = undefined;
    const loss = imported.spec?.compile.loss ?? 'sparse_categorical_crossentropy';
    const test = this.dataset ? await evaluate(imported.model, this.dataset.test, imported.transform, loss) : null;
    return { spec: imported.spec, transform: imported.transform, assumedPreprocessing: imported.assumedPreprocessing, test };
  }

  async exportModel(formats: ExportFormat[], modelName: string): Promise<{ files: { name: string; bytes: Uint8Array }[] }> {
    const { model, transform } = this.trained();
    return exportModel(model, formats, exportMetaFor(transform, modelName));
  }

  control(action: 'pause' | 'resume' | 'stop'): { state: string } {
    if (!this.run) throw new SessionError('NOT_TRAINING', 'Nothing is training');
    this.run[action]();
    return { state: this.run.state };
  }

  private trained(): { model: tf.LayersModel; transform: PixelTransform } {
    if (!this.model || !this.transform) throw new SessionError('NO_MODEL', 'No trained model yet: train one first');
    if (this.run?.state === 'running') throw new SessionError('BUSY', 'Pause or stop the training to use the model');
    return { model: this.model, transform: this.transform };
  }

  async predict(images: Uint8Array): Promise<Float32Array> {
    const { model, transform } = this.trained();
    return predict(model, images, transform);
  }

  async layerOutputs(image: Uint8Array): Promise<LayerOutputs> {
    const { model, transform } = this.trained();
    return layerOutputs(model, image, transform);
  }

  async saliency(image: Uint8Array, classIndex?: number): Promise<Saliency> {
    const { model, transform } = this.trained();
    return saliency(model, image, transform, classIndex);
  }

  async evaluateTest(loss: LossName): Promise<Evaluation> {
    if (!this.dataset) throw new SessionError('NO_DATASET', 'No dataset loaded');
    const { model, transform } = this.trained();
    return evaluate(model, this.dataset.test, transform, loss);
  }

  async weightHistograms(): Promise<WeightHistogram[]> {
    return weightHistograms(this.trained().model);
  }

  async mistakes(): Promise<Mistakes> {
    if (!this.dataset) throw new SessionError('NO_DATASET', 'No dataset loaded');
    return rankMistakes(await this.predict(this.dataset.test.images), this.dataset.test.labels);
  }

  async testPredictions(): Promise<TestPredictions> {
    if (!this.dataset) throw new SessionError('NO_DATASET', 'No dataset loaded');
    const probabilities = await this.predict(this.dataset.test.images);
    const count = this.dataset.test.labels.length;
    const predicted = new Uint8Array(count);
    const confidence = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      let best = 0;
      for (let k = 1; k < 10; k++) if (probabilities[i * 10 + k]! > probabilities[i * 10 + best]!) best = k;
      predicted[i] = best;
      confidence[i] = probabilities[i * 10 + best]!;
    }
    return { predicted, confidence };
  }

  async firstLayer(): Promise<FirstLayerWeights | null> {
    const { model } = this.trained();
    const layer = model.layers.find((l) => l.getWeights().length > 0);
    if (!layer) return null;
    const [kernel] = layer.getWeights();
    if (!kernel) return null;
    // A copy: it is transferred to the renderer, and data() may hand out the backend's own buffer.
    const data = new Float32Array((await kernel.data()) as Float32Array);
    const className = layer.getClassName();
    if (!isLayerClass(className)) return null;
    return layerDefinition(className).firstLayerWeights?.({ shape: kernel.shape, values: data }) ?? null;
  }
}
