/**
 * The renderer's one way to reach the main process. Two transports behind one interface: the
 * preload bridge inside Electron, HTTP (+ token) in the web host.
 */
import type { ApiArgs, ApiName, ApiResult, EventName, EventStreams } from '../../../electron/api/contract.ts';
import type { ApiErrorBody } from '../../../electron/api/errors.ts';

export type CallEnvelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface LabTransport {
  /** 'electron': the main process can show native dialogs; 'web': the browser picks files itself */
  kind: 'electron' | 'web';
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

/** Keys of T that must be given (so calls whose arguments are all optional may omit them). */
type RequiredKeys<T> = {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is the "nothing given" case
  [P in keyof T]-?: {} extends Pick<T, P> ? never : P;
}[keyof T];

type StreamListener<E extends EventName> = (payload: EventStreams[E]) => void;

export class LabClient {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  readonly kind: LabTransport['kind'];

  constructor(private readonly transport: LabTransport) {
    this.kind = transport.kind;
    transport.subscribe((stream, payload) => {
      for (const listener of this.listeners.get(stream) ?? []) listener(payload);
    });
  }

  async call<K extends ApiName>(name: K, ...args: [RequiredKeys<ApiArgs<K>>] extends [never] ? [ApiArgs<K>?] : [ApiArgs<K>]): Promise<ApiResult<K>> {
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
