/**
 * The benchmark page (`npm run bench` opens it through the web host): loads MNIST through the lab
 * API, hands it to benchmark workers and exposes the results on `window.benchResults`.
 * Query `?quick` (no 5-epoch run, fewer steps), `?only=chollet-ch2|convnet-ch8`, `?threads=1,2`,
 * `?tfjsThreads=1`;
 * `?verify&mlpSteps=N&cnnSteps=M` runs the WebGL verification worker instead.
 * The wasm thread pool is fixed when a worker first initialises wasm, so every thread count gets
 * its own worker.
 */
import type { BenchCase, BenchMessage, BenchRequest, BenchResult, VerifyMessage } from '../../workers/bench-protocol.ts';
import { connectLab } from '../src/lib/connect.ts';

declare global {
  interface Window {
    benchResults?: { results: BenchResult[]; skipped: string[]; done: boolean; error?: string };
    /** `?verify`: the WebGL verification's messages (e2e/webgl-verify.spec.ts) */
    verifyResults?: { messages: VerifyMessage[]; done: boolean };
  }
}

const query = new URLSearchParams(location.search);
const quick = query.has('quick');
const only = query.get('only');
const threadCounts = (query.get('threads') ?? '')
  .split(',')
  .filter((t) => t !== '')
  .map(Number);
/** `?tfjsThreads=N`: tfjs' own pool for every wasm case (backend.ts' `tfjsThreads`) */
const tfjsThreads = query.has('tfjsThreads') ? Number(query.get('tfjsThreads')) : undefined;

function cases(): BenchCase[] {
  const wasmThreads: (number | undefined)[] = threadCounts.length > 0 ? threadCounts : [undefined];
  const wasm = (model: BenchCase['model'], run: BenchCase['run']): BenchCase[] =>
    wasmThreads.map((threads) => ({
      model,
      backend: 'wasm',
      stockKernels: false,
      run,
      ...(threads != null ? { threads } : {}),
      ...(tfjsThreads != null ? { tfjsThreads } : {}),
    }));
  const all: BenchCase[] = [
    ...wasm('chollet-ch2', quick ? { steps: 150 } : { epochs: 5 }),
    ...(quick ? [] : [{ model: 'chollet-ch2', backend: 'wasm', stockKernels: true, run: { steps: 30 } } as const]),
    { model: 'chollet-ch2', backend: 'webgl', stockKernels: false, run: { steps: quick ? 20 : 60 } },
    ...(quick ? [] : [{ model: 'chollet-ch2', backend: 'cpu', stockKernels: false, run: { steps: 20 } } as const]),
    ...wasm('convnet-ch8', { steps: quick ? 40 : 120 }),
    ...(quick ? [] : [{ model: 'convnet-ch8', backend: 'cpu', stockKernels: false, run: { steps: 3 } } as const]),
  ];
  return all.filter((c) => only == null || c.model === only);
}

const output = document.getElementById('results')!;
const state: NonNullable<Window['benchResults']> = { results: [], skipped: [], done: false };
window.benchResults = state;

function runWorker(request: BenchRequest): Promise<void> {
  const worker = new Worker(new URL('../../workers/bench.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    worker.addEventListener('message', (event: MessageEvent<BenchMessage>) => {
      const message = event.data;
      if (message.type === 'result') state.results.push(message.result);
      if (message.type === 'skipped') state.skipped.push(message.reason);
      output.textContent = JSON.stringify(state, null, 2);
      if (message.type === 'done') {
        worker.terminate();
        resolve();
      }
    });
    worker.postMessage(request);
  });
}

async function main(): Promise<void> {
  const lab = connectLab();
  const name = 'mnist';
  const status = (await lab.call('dataset.list')).find((d) => d.name === name);
  if (status?.status !== 'ready') await lab.call('dataset.installBundled', { name });
  const load = (split: 'train' | 'test', part: 'images' | 'labels') => lab.call('dataset.load', { name, split, part });
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    load('train', 'images'),
    load('train', 'labels'),
    load('test', 'images'),
    load('test', 'labels'),
  ]);
  if (query.has('verify')) {
    await verify(trainImages, trainLabels);
    return;
  }
  const groups = new Map<string, BenchCase[]>();
  for (const c of cases()) {
    const key = String(c.threads ?? 'default');
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  // one worker per thread count, one after the other (copies of the data: the workers never overlap)
  for (const group of groups.values()) {
    await runWorker({
      train: { images: trainImages.slice(), labels: trainLabels.slice(), count: trainLabels.length },
      test: { images: testImages.slice(), labels: testLabels.slice(), count: testLabels.length },
      cases: group,
      wasmPaths: new URL('wasm/', document.baseURI).href,
    });
  }
  state.done = true;
  output.textContent = JSON.stringify(state, null, 2);
}

async function verify(images: Uint8Array, labels: Uint8Array): Promise<void> {
  const results: NonNullable<Window['verifyResults']> = { messages: [], done: false };
  window.verifyResults = results;
  const worker = new Worker(new URL('../../workers/bench-verify.worker.ts', import.meta.url), { type: 'module' });
  await new Promise<void>((resolve) => {
    worker.addEventListener('message', (event: MessageEvent<VerifyMessage>) => {
      results.messages.push(event.data);
      output.textContent = `${results.messages.length} messages`;
      if (event.data.type === 'done') resolve();
    });
    worker.postMessage({
      train: { images, labels, count: labels.length },
      steps: { 'chollet-ch2': Number(query.get('mlpSteps') ?? 200), 'convnet-ch8': Number(query.get('cnnSteps') ?? 100) },
      wasmPaths: new URL('wasm/', document.baseURI).href,
    });
  });
  worker.terminate();
  results.done = true;
  state.done = true;
}

main().catch((error: unknown) => {
  state.error = error instanceof Error ? error.message : String(error);
  state.done = true;
  output.textContent = state.error;
});
