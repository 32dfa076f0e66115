/** Long loops on the UI thread, cut into slices that each leave room for input and painting. */

export type Pause = () => Promise<void>;

/** Yields to the event loop: `scheduler.yield()` where the browser has it, a macrotask otherwise. */
export const yieldToEventLoop: Pause = () => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
};

export interface ChunkOptions {
  /** items per slice */
  chunkSize: number;
  pause?: Pause;
  signal?: AbortSignal;
}

/** Calls `work(start, end)` over [0, total) in slices of `chunkSize`, pausing between slices. */
export async function forEachChunk(total: number, work: (start: number, end: number) => void, options: ChunkOptions): Promise<void> {
  if (!(options.chunkSize >= 1)) throw new RangeError(`chunkSize must be at least 1, got ${options.chunkSize}`);
  const pause = options.pause ?? yieldToEventLoop;
  for (let start = 0; start < total; start += options.chunkSize) {
    options.signal?.throwIfAborted();
    work(start, Math.min(total, start + options.chunkSize));
    if (start + options.chunkSize < total) await pause();
  }
  options.signal?.throwIfAborted();
}
