/// <reference lib="webworker" />
/**
 * The training worker: owns TF.js. Initialises the WASM backend from files our app serves
 * (never a CDN) and answers typed requests from the renderer's TrainingWorker wrapper.
 */
import { initBackend } from './engine/backend.ts';
import type { BackendReport, WorkerErrorBody, WorkerMessage, WorkerRequest } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const wasmPaths = new URL('wasm/', new URL('..', self.location.href)).href;

function post(message: WorkerMessage): void {
  self.postMessage(message);
}

function errorBody(error: unknown, code = 'WORKER_ERROR'): WorkerErrorBody {
  return { code, message: error instanceof Error ? error.message : String(error) };
}

const backendReady: Promise<BackendReport> = initBackend('wasm', { wasmPaths }).then((info) => ({
  backend: info.backend,
  simd: info.simd,
  threads: info.threads,
  crossOriginIsolated: info.crossOriginIsolated,
  tfjsVersion: info.tfjsVersion,
}));

backendReady.catch((error: unknown) => post({ kind: 'fatal', error: errorBody(error, 'BACKEND_FAILED') }));

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'hello':
      return await backendReady;
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request).then(
    (result) => post({ kind: 'response', id: request.id, ok: true, result }),
    (error: unknown) => post({ kind: 'response', id: request.id, ok: false, error: errorBody(error) }),
  );
});
