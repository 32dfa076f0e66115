/**
 * Runs queued jobs one per macrotask, in order: four charts built in one task would block the UI
 * thread for longer than a frame budget allows (chart.js measures text and lays out on creation).
 */

type Job = () => void;

const queue: Job[] = [];
let scheduled = false;

function runNext(): void {
  scheduled = false;
  const job = queue.shift();
  if (!job) return;
  try {
    job();
  } finally {
    if (queue.length > 0) schedule();
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(runNext, 0);
}

/** Queues `job` for a task of its own; the returned function cancels it if it has not run yet. */
export function runInOwnTask(job: Job): () => void {
  queue.push(job);
  schedule();
  return () => {
    const at = queue.indexOf(job);
    if (at >= 0) queue.splice(at, 1);
  };
}
