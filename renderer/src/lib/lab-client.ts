/**
 * The renderer's one way to reach the main process. Two transports behind one interface: the
 * preload bridge inside Electron, HTTP (+ token) in the web host.
 */
import type { ApiArgs, ApiName, ApiResult, EventName, EventStreams } from '../../../electron/api/contract.ts';
import type { ApiErrorBody } from '../../../electron/api/errors.ts';

export type CallEnvelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface LabTransport {
  call(name: string, args: unknown): Promise<CallEnvelope | Uint8Array>;
  subscribe(listener: (stream: string, payload: unknown) => void): () => void;
}

export class LabCallError extends Error {
  override name = 'LabCallError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type StreamListener<E extends EventName> = (payload: EventStreams[E]) => void;

export class LabClient {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly transport: LabTransport) {
    transport.subscribe((stream, payload) => {
      for (const listener of this.listeners.get(stream) ?? []) listener(payload);
    });
  }

  async call<K extends ApiName>(name: K, ...args: {} extends ApiArgs<K> ? [ApiArgs<K>?] : [ApiArgs<K>]): Promise<ApiResult<K>> {
    const reply = await this.transport.call(name, args[0] ?? {});
    if (reply instanceof Uint8Array) return reply as unknown as ApiResult<K>;
    if (!reply.ok) throw new LabCallError(reply.error.code, reply.error.message);
    return reply.result as ApiResult<K>;
  }

  on<E extends EventName>(stream: E, listener: StreamListener<E>): () => void {
    const set = this.listeners.get(stream) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(stream, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }
}
