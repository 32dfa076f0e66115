/**
 * Messages between the renderer and the training worker: discriminated unions, one request id
 * per call. Later issues add request types (train, pause, predict…) and event types here.
 */
export interface BackendReport {
  backend: string;
  simd: boolean;
  threads: number;
  crossOriginIsolated: boolean;
  tfjsVersion: string;
}

export interface WorkerRequests {
  hello: { args: Record<string, never>; result: BackendReport };
}

export type WorkerRequestType = keyof WorkerRequests;

export type WorkerRequest = {
  [K in WorkerRequestType]: { id: number; type: K; args: WorkerRequests[K]['args'] };
}[WorkerRequestType];

export interface WorkerErrorBody {
  code: string;
  message: string;
}

export type WorkerEvent = { type: 'log'; level: 'info' | 'warning'; message: string };

export type WorkerMessage =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: WorkerErrorBody }
  | { kind: 'event'; event: WorkerEvent }
  | { kind: 'fatal'; error: WorkerErrorBody };
