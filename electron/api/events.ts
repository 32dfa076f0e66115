/** A tiny typed event hub: services emit, hosts forward to their renderers. */
import type { EventName, EventStreams } from './contract.ts';

export type EventListener = <E extends EventName>(stream: E, payload: EventStreams[E]) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(stream: E, payload: EventStreams[E]): void {
    for (const listener of this.listeners) listener(stream, payload);
  }

  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
