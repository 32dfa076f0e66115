import type { CallEnvelope, LabTransport } from './lab-client.ts';

/** What electron/preload.ts exposes on window.labBridge. */
export interface LabBridge {
  call(name: string, args: unknown): Promise<CallEnvelope>;
  subscribe(listener: (stream: string, payload: unknown) => void): () => void;
}

export function bridgeFrom(target: object): LabBridge | undefined {
  const bridge = (target as { labBridge?: LabBridge }).labBridge;
  return bridge && typeof bridge.call === 'function' ? bridge : undefined;
}

export function bridgeTransport(bridge: LabBridge): LabTransport {
  return { kind: 'electron', call: (name, args) => bridge.call(name, args), subscribe: (listener) => bridge.subscribe(listener) };
}
