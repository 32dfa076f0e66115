/**
 * The one wrapper around the training worker: request ids, promises, typed events, terminate.
 */
import type {
  WorkerErrorBody,
  WorkerEvent,
  WorkerMessage,
  WorkerRequests,
  WorkerRequestType,
} from '../../../workers/protocol.ts';

export class WorkerCallError extends Error {
  override name = 'WorkerCallError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class TrainingWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: WorkerEvent) => void>();
  private readonly fatalListeners = new Set<(error: WorkerCallError) => void>();
  private nextId = 1;
  private fatal: WorkerCallError | undefined;

  constructor() {
    this.worker = new Worker(new URL('../../../workers/training.worker.ts', import.meta.url), {
      type: 'module',
      name: 'training',
    });
    this.worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail({ code: 'WORKER_CRASHED', message: `The training worker crashed: ${event.message || 'unknown error'}` });
    });
  }

  request<K extends WorkerRequestType>(
    type: K,
    args: WorkerRequests[K]['args'],
    transfer: Transferable[] = [],
  ): Promise<WorkerRequests[K]['result']> {
    if (this.fatal) return Promise.reject(this.fatal);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, type, args }, transfer);
    });
  }

  onEvent(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The worker died (crash, out of memory, failed start): every later request fails too. */
  onFatal(listener: (error: WorkerCallError) => void): () => void {
    this.fatalListeners.add(listener);
    return () => this.fatalListeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    this.fail({ code: 'WORKER_TERMINATED', message: 'The training worker was stopped' });
  }

  private receive(message: WorkerMessage): void {
    switch (message.kind) {
      case 'response': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!pending) return;
        if (message.ok) pending.resolve(message.result);
        else pending.reject(new WorkerCallError(message.error.code, message.error.message));
        return;
      }
      case 'event':
        for (const listener of this.listeners) listener(message.event);
        return;
      case 'fatal':
        this.fail(message.error);
    }
  }

  private fail(error: WorkerErrorBody): void {
    if (this.fatal) return;
    this.fatal = new WorkerCallError(error.code, error.message);
    for (const pending of this.pending.values()) pending.reject(this.fatal);
    this.pending.clear();
    for (const listener of this.fatalListeners) listener(this.fatal);
  }
}
