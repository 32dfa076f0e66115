/// <reference lib="webworker" />
/**
 * The training worker: owns TF.js. Initialises the WASM backend from files our app serves
 * (never a CDN) and answers typed requests from the renderer's TrainingWorker wrapper.
 */
import type { WorkerErrorBody, WorkerMessage, WorkerRequest } from './protocol.ts';
import { SessionError, TrainingSession } from './session.ts';

declare const self: DedicatedWorkerGlobalScope;

// Vite emits workers into assets/; the wasm binaries are served from wasm/ beside it.
const wasmPaths = new URL('../wasm/', self.location.href).href;

function post(message: WorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function errorBody(error: unknown): WorkerErrorBody {
  if (error instanceof SessionError) return { code: error.code, message: error.message };
  return { code: 'WORKER_ERROR', message: error instanceof Error ? error.message : String(error) };
}

const session = new TrainingSession(
  wasmPaths,
  (event, backend) => post({ kind: 'event', event: { type: 'training', event, backend } }),
  (epoch, final, model) => post({ kind: 'event', event: { type: 'checkpoint', epoch, final, model } }, [model.blob.buffer as ArrayBuffer]),
);
const ready = session.useBackend('wasm');
ready.catch((error: unknown) => post({ kind: 'fatal', error: { code: 'BACKEND_FAILED', message: errorBody(error).message } }));

async function handle(request: WorkerRequest): Promise<unknown> {
  await ready;
  switch (request.type) {
    case 'hello':
      return ready;
    case 'setDataset': {
      const { name, train, test } = request.args;
      return session.setDataset(name, train, test);
    }
    case 'train':
      return session.train(request.args.spec, request.args.backend, request.args.continueTraining);
    case 'pause':
    case 'resume':
    case 'stop':
      return session.control(request.type);
    case 'predict':
      return session.predict(request.args.images);
    case 'layerOutputs':
      return session.layerOutputs(request.args.image);
    case 'saliency':
      return session.saliency(request.args.image, request.args.classIndex);
    case 'evaluateTest':
      return session.evaluateTest(request.args.loss);
    case 'weightHistograms':
      return session.weightHistograms();
    case 'mistakes':
      return session.mistakes();
    case 'testPredictions':
      return session.testPredictions();
    case 'firstLayer':
      return session.firstLayer();
    case 'loadModel':
      return session.loadModel(request.args.model, request.args.transform);
    case 'importModel':
      return session.importModel(request.args.files);
    case 'exportModel':
      return session.exportModel(request.args.formats, request.args.modelName);
  }
}

/** The buffers of every typed array in a result (our results own theirs), to transfer, not copy. */
function transferablesOf(result: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(result)) found.add(result.buffer as ArrayBuffer);
  else if (Array.isArray(result)) for (const item of result) transferablesOf(item, found);
  else if (result && typeof result === 'object') for (const value of Object.values(result)) transferablesOf(value, found);
  return [...found];
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request).then(
    (result) => post({ kind: 'response', id: request.id, ok: true, result }, transferablesOf(result)),
    (error: unknown) => post({ kind: 'response', id: request.id, ok: false, error: errorBody(error) }),
  );
});
