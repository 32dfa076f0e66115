/**
 * Yielding to the event loop between batches so pause/stop/predict messages get handled.
 * A MessageChannel round-trip is a macrotask without setTimeout's 4 ms clamp for nested timers
 * in browsers and workers; it works the same in Node.
 */
export interface Yielder {
  next(): Promise<void>;
  /** releases the channel (in Node an open port keeps the process alive) */
  close(): void;
}

export function createYielder(): Yielder {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  // Typed structurally: this file is also type-checked with Node's MessagePort declarations.
  (channel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => waiting.shift()?.();
  return {
    next: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      }),
    close: () => {
      channel.port1.close();
      channel.port2.close();
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}
