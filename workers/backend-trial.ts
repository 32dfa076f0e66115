/**
 * The 'auto' backend: a short measured trial of the actual model on each available backend
 * (a few training steps on real batches, after a warm-up step that compiles kernels/shaders),
 * and the fastest wins. cpu is only tried when nothing faster exists.
 */
import { availableBackends, initBackend, type BackendChoice, type BackendInfo } from './engine/backend.ts';
import type { SplitBytes } from './engine/data.ts';
import type { ModelSpec } from './engine/spec/schema.ts';
import { createTraining } from './engine/train/training.ts';

export interface BackendTrial {
  backend: BackendChoice;
  /** milliseconds per training step, or null when the backend failed */
  msPerStep: number | null;
  error?: string;
}

const TIMED_STEPS = 3;

async function timeSteps(spec: ModelSpec, train: SplitBytes, steps: number): Promise<number> {
  const trialSpec: ModelSpec = { ...spec, fit: { ...spec.fit, epochs: 1, subset: spec.fit.batch_size * steps, validation_split: 0 } };
  let seconds = Number.NaN;
  const run = createTraining({ spec: trialSpec, train, test: null, onEvent: (event) => event.type === 'epoch' && (seconds = event.seconds) });
  const done = await run.done;
  run.model.dispose();
  if (done.type === 'error') throw new Error(done.message);
  return (seconds * 1000) / steps;
}

export async function pickFastestBackend(
  spec: ModelSpec,
  train: SplitBytes,
  wasmPaths: string,
): Promise<{ chosen: BackendChoice; info: BackendInfo; trials: BackendTrial[] }> {
  const available = availableBackends();
  const candidates: BackendChoice[] = available.filter((b) => b !== 'cpu');
  if (candidates.length === 0) candidates.push('cpu');
  const trials: BackendTrial[] = [];
  for (const backend of candidates) {
    try {
      await initBackend(backend, { wasmPaths });
      await timeSteps(spec, train, 1); // warm-up: kernel compilation, weight upload
      trials.push({ backend, msPerStep: await timeSteps(spec, train, TIMED_STEPS) });
    } catch (error) {
      trials.push({ backend, msPerStep: null, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const measured = trials.filter((t): t is BackendTrial & { msPerStep: number } => t.msPerStep !== null);
  const chosen = measured.sort((a, b) => a.msPerStep - b.msPerStep)[0]?.backend ?? 'cpu';
  return { chosen, info: await initBackend(chosen, { wasmPaths }), trials };
}
