/**
 * Messages between the renderer and the training worker: discriminated unions, one request id
 * per call. Big byte arrays travel as transferables, never as JSON.
 */
import type { BackendTrial } from './backend-trial.ts';
import type { BackendChoice, BackendInfo } from './engine/backend.ts';
import type { EncodedModel } from './checkpoint.ts';
import type { PixelTransform, SplitBytes } from './engine/data.ts';
import type { ExportFormat } from './engine/export/types.ts';
import type { LayerOutputs } from './engine/inside/layer-outputs.ts';
import type { Saliency } from './engine/inside/saliency.ts';
import type { Mistakes } from './engine/inside/mistakes.ts';
import type { WeightHistogram } from './engine/inside/weight-histograms.ts';
import type { FirstLayerWeights } from './engine/layers/definition.ts';
import type { Evaluation } from './engine/metrics.ts';
import type { LossName, ModelSpec } from './engine/spec/schema.ts';
import type { TrainingEvent } from './engine/train/events.ts';

export type { BackendTrial } from './backend-trial.ts';
export type { BackendChoice, BackendInfo } from './engine/backend.ts';

/** The threads a run trains on: tfjs' pool or our GEMM's, whichever is larger (what the UI and run records show). */
export function threadsOf(backend: BackendInfo): number {
  return Math.max(backend.threads, backend.gemmThreads);
}
export type { EncodedModel } from './checkpoint.ts';
export type { PixelTransform, SplitBytes } from './engine/data.ts';
export type { ExportFormat } from './engine/export/types.ts';
export type { LayerOutput, LayerOutputs } from './engine/inside/layer-outputs.ts';
export type { Saliency } from './engine/inside/saliency.ts';
export type { Mistakes } from './engine/inside/mistakes.ts';
export type { WeightHistogram } from './engine/inside/weight-histograms.ts';
export type { FirstLayerWeights } from './engine/layers/definition.ts';

/** What the Model panel may ask for: a backend, or 'auto' (a measured trial of the model on each). */
export const BACKEND_REQUESTS = ['auto', 'wasm', 'webgl', 'cpu'] as const satisfies readonly ('auto' | BackendChoice)[];
export type BackendRequest = (typeof BACKEND_REQUESTS)[number];

export interface TestPredictions {
  /** [count] the predicted digit per test image */
  predicted: Uint8Array;
  /** [count] the probability of that prediction */
  confidence: Float32Array;
}


export interface ModelSummary {
  /** which training produced it, and how far it got */
  status: 'finished' | 'stopped';
  epochsCompleted: number;
  backend: string;
}

export interface ImportedModelInfo {
  /** the engine spec, when the architecture is one the Model panel can show (and train further) */
  spec: ModelSpec | undefined;
  transform: PixelTransform;
  assumedPreprocessing: boolean;
  /** on the loaded test set, when there is one */
  test: Evaluation | null;
}

export interface WorkerRequests {
  hello: { args: Record<string, never>; result: BackendInfo };
  /** Hands the worker a dataset (transferred: the caller's buffers become empty). */
  setDataset: { args: { name: string; train: SplitBytes; test: SplitBytes }; result: { trainCount: number; testCount: number } };
  /** Starts training; progress arrives as `training` events. Resolves once the run has started. */
  /** `continueTraining`: start from the current model's weights (same architecture) instead of new ones. */
  train: {
    args: { spec: unknown; backend: BackendRequest; continueTraining?: boolean };
    result: { backend: BackendInfo; trials: BackendTrial[] };
  };
  pause: { args: Record<string, never>; result: { state: string } };
  resume: { args: Record<string, never>; result: { state: string } };
  stop: { args: Record<string, never>; result: { state: string } };
  /** [count * 10] probabilities for [count * 784] image bytes, with the current model. */
  predict: { args: { images: Uint8Array }; result: Float32Array };
  /** Every layer's output for one [784]-byte image, in one answer (the layer-by-layer view). */
  layerOutputs: { args: { image: Uint8Array }; result: LayerOutputs };
  /** ∂p(class)/∂pixel for one [784]-byte image; the top class unless `classIndex` (0–9) is given. */
  saliency: { args: { image: Uint8Array; classIndex?: number }; result: Saliency };
  /** The current model on the loaded test set (after loading another epoch's weights, say). */
  evaluateTest: { args: { loss: LossName }; result: Evaluation };
  /** A histogram of every weight variable of the current model, layer by layer. */
  weightHistograms: { args: Record<string, never>; result: WeightHistogram[] };
  /** The misclassified test images, highest loss (−log p(true)) first. */
  mistakes: { args: Record<string, never>; result: Mistakes };
  testPredictions: { args: Record<string, never>; result: TestPredictions };
  firstLayer: { args: Record<string, never>; result: FirstLayerWeights | null };
  /** Makes a saved model (a run's weights) the current model, for Evaluate and Draw. */
  loadModel: { args: { model: EncodedModel; transform: PixelTransform }; result: { layers: number } };
  /** Opens a model file (.keras, or TF.js model.json + weights) as the current model, evaluated on the test set. */
  importModel: { args: { files: { name: string; bytes: Uint8Array }[] }; result: ImportedModelInfo };
  /** The current model in the chosen formats (files named like 'keras/model.keras'). */
  exportModel: {
    args: { formats: ExportFormat[]; modelName: string };
    result: { files: { name: string; bytes: Uint8Array }[] };
  };
}

export type WorkerRequestType = keyof WorkerRequests;

export type WorkerRequest = {
  [K in WorkerRequestType]: { id: number; type: K; args: WorkerRequests[K]['args'] };
}[WorkerRequestType];

export interface WorkerErrorBody {
  code: string;
  message: string;
}

export type WorkerEvent =
  | { type: 'log'; level: 'info' | 'warning'; message: string }
  | { type: 'training'; event: TrainingEvent; backend: BackendInfo }
  /** The weights after a completed epoch (or the final ones), for the run's record. */
  | { type: 'checkpoint'; epoch: number; final: boolean; model: EncodedModel };

export type WorkerMessage =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: WorkerErrorBody }
  | { kind: 'event'; event: WorkerEvent }
  | { kind: 'fatal'; error: WorkerErrorBody };
