/**
 * The benchmark page (`npm run bench` opens it through the web host): loads MNIST through the lab
 * API, hands it to the benchmark worker and exposes the results on `window.benchResults`.
 */
import type { BenchCase, BenchMessage, BenchResult } from '../../workers/bench-protocol.ts';
import { connectLab } from '../src/lib/connect.ts';

declare global {
  interface Window {
    benchResults?: { results: BenchResult[]; skipped: string[]; done: boolean; error?: string };
  }
}

const CASES: BenchCase[] = [
  { model: 'chollet-ch2', backend: 'wasm', stockKernels: false, run: { epochs: 5 } },
  { model: 'chollet-ch2', backend: 'wasm', stockKernels: true, run: { steps: 30 } },
  { model: 'chollet-ch2', backend: 'webgl', stockKernels: false, run: { steps: 60 } },
  { model: 'chollet-ch2', backend: 'cpu', stockKernels: false, run: { steps: 20 } },
  { model: 'convnet-ch8', backend: 'wasm', stockKernels: false, run: { steps: 40 } },
  { model: 'convnet-ch8', backend: 'cpu', stockKernels: false, run: { steps: 3 } },
];

const output = document.getElementById('results')!;
const state: NonNullable<Window['benchResults']> = { results: [], skipped: [], done: false };
window.benchResults = state;

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
  const worker = new Worker(new URL('../../workers/bench.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (event: MessageEvent<BenchMessage>) => {
    const message = event.data;
    if (message.type === 'result') state.results.push(message.result);
    if (message.type === 'skipped') state.skipped.push(message.reason);
    if (message.type === 'done') state.done = true;
    output.textContent = JSON.stringify(state, null, 2);
  });
  worker.postMessage({
    train: { images: trainImages, labels: trainLabels, count: trainLabels.length },
    test: { images: testImages, labels: testLabels, count: testLabels.length },
    cases: CASES,
    wasmPaths: new URL('wasm/', document.baseURI).href,
  });
}

main().catch((error: unknown) => {
  state.error = error instanceof Error ? error.message : String(error);
  state.done = true;
  output.textContent = state.error;
});
