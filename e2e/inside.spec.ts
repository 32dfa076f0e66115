/**
 * Inside the network, in Chromium against the web host: a model trained in the page's worker on an
 * MNIST subset, a digit drawn with real mouse strokes, and every layer's output drawn live.
 */
import { expect, test } from '@playwright/test';
import { strokesForDigit } from '../renderer/src/draw/test-strokes.ts';
import { ARTIFACTS, openPanel, trainPreset, waitForTrainingEnd } from './support/lab-page.ts';
import { labSession } from './support/lab-session.ts';

test.describe.configure({ mode: 'serial' });

const lab = labSession({ context: { viewport: { width: 1400, height: 1000 } } });

async function drawDigit(digit: number): Promise<void> {
  const pad = lab.page.getByRole('img', { name: /^Drawing pad/ });
  const box = (await pad.boundingBox())!;
  for (const stroke of strokesForDigit(digit, { x: 0.15, y: 0.12, size: 0.72 })) {
    const [first, ...rest] = stroke;
    await lab.page.mouse.move(box.x + first!.x * box.width, box.y + first!.y * box.height);
    await lab.page.mouse.down();
    for (const point of rest) await lab.page.mouse.move(box.x + point.x * box.width, box.y + point.y * box.height, { steps: 3 });
    await lab.page.mouse.up();
  }
}

const layerView = (name: string) => lab.page.locator(`li.layer[data-layer="${name}"]`);

test('the default recipe: a drawn digit shows a 512-unit Dense grid and ten probabilities, live', async () => {
  test.setTimeout(300_000);
  await trainPreset(lab.page, { subset: 2000, epochs: 2 });
  await waitForTrainingEnd(lab.page);
  await openPanel(lab.page, 'Draw');
  const inside = lab.page.getByRole('region', { name: 'Inside the network' });
  await expect(inside.getByText('Nothing to look inside yet.')).toBeVisible();

  // Long tasks on the main thread while drawing (the observer sees tasks over 50 ms only).
  await lab.page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  await drawDigit(7);

  const dense = layerView('dense');
  await expect(dense.getByTestId('unit-count')).toHaveText('512 units');
  await expect(dense.getByRole('img', { name: /^512 unit activations/ })).toBeVisible();
  const probabilities = layerView('dense_1').getByTestId('class-probabilities').getByRole('listitem');
  await expect(probabilities).toHaveCount(10);
  await expect(lab.page.getByTestId('draw-top-class')).toHaveText('7');

  // Largest first re-orders the same 512 units.
  await dense.getByLabel('Largest first').check();
  await expect(dense.getByRole('img', { name: /^512 unit activations, largest first/ })).toBeVisible();

  // A further stroke: the views follow it live. Measured in the page, from the pen touching the
  // pad to the Dense grid's first new picture (reported, not asserted: speed targets live in the bench).
  const before = await layerView('dense').getByRole('img').getAttribute('aria-label');
  await lab.page.evaluate(() => {
    const w = window as unknown as { penDown: number; viewsUpdated: number };
    w.viewsUpdated = 0;
    addEventListener('pointerdown', () => (w.penDown = performance.now()), { capture: true, once: true });
    const target = document.querySelector('li.layer[data-layer="dense"]')!;
    new MutationObserver((_, observer) => {
      if (!w.penDown) return;
      w.viewsUpdated = performance.now();
      observer.disconnect();
    }).observe(target, { subtree: true, attributes: true, attributeFilter: ['aria-label'] });
  });
  const box = (await lab.page.getByRole('img', { name: /^Drawing pad/ }).boundingBox())!;
  await lab.page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await lab.page.mouse.down();
  await lab.page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.5, { steps: 4 });
  await lab.page.mouse.up();
  await expect(layerView('dense').getByRole('img')).not.toHaveAttribute('aria-label', before!);
  const { updateMs, longTasks } = await lab.page.evaluate(() => {
    const w = window as unknown as { penDown: number; viewsUpdated: number; longTasks: number[] };
    return { updateMs: w.viewsUpdated - w.penDown, longTasks: w.longTasks };
  });
  test.info().annotations.push({ type: 'layer views after the pen touches the pad (ms)', description: updateMs.toFixed(0) });
  test.info().annotations.push({ type: 'main-thread tasks over 50 ms while drawing', description: JSON.stringify(longTasks) });
  console.log(`inside: layer views updated ${updateMs.toFixed(0)} ms after the pen touched the pad; long tasks while drawing: ${JSON.stringify(longTasks)}`);
  await inside.screenshot({ path: `${ARTIFACTS}/inside-draw-mlp.png` });
  expect(lab.problems).toEqual([]);
});

test('why this answer: a saliency heat map for the top class, and for a chosen class', async () => {
  const inside = lab.page.getByRole('region', { name: 'Inside the network' });
  await expect(inside.getByRole('img', { name: 'Saliency heat map for class 7 over the digit' })).toBeVisible();
  await inside.getByLabel('Saliency of').selectOption('2');
  await expect(inside.getByRole('img', { name: 'Saliency heat map for class 2 over the digit' })).toBeVisible();
  await expect(inside.getByTestId('saliency-class')).toContainText('p(2) =');
  expect(lab.problems).toEqual([]);
});

test('a confusion-matrix image and a Data browser image open the layer-by-layer view', async () => {
  await openPanel(lab.page, 'Evaluate');
  const matrix = lab.page.getByRole('table', { name: /Confusion matrix/ });
  await matrix.getByRole('button', { name: /true 7, predicted 7/ }).click();
  await lab.page.locator('section.gallery').getByRole('button', { name: /^Look inside the network for test image \d+$/ }).first().click();
  const dialog = lab.page.getByRole('dialog', { name: /^Inside the network: test image \d+$/ });
  await expect(dialog.locator('li.layer[data-layer="dense"]').getByTestId('unit-count')).toHaveText('512 units');
  await expect(dialog.getByRole('img', { name: 'Saliency heat map for class 7 over the digit' })).toBeVisible();
  await dialog.screenshot({ path: `${ARTIFACTS}/inside-gallery-dialog.png` });
  await lab.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await openPanel(lab.page, 'Data');
  const grid = lab.page.getByRole('grid').first();
  await grid.focus();
  await lab.page.keyboard.press('Enter');
  const inspector = lab.page.getByRole('region', { name: 'Enlarged image' });
  await inspector.getByRole('button', { name: /^Look inside the network for train image 0$/ }).click();
  const fromData = lab.page.getByRole('dialog', { name: 'Inside the network: train image 0' });
  await expect(fromData.locator('li.layer[data-view="probabilities"] li')).toHaveCount(10);
  await fromData.getByRole('button', { name: 'Close' }).click();
  await expect(fromData).toBeHidden();
  expect(lab.problems).toEqual([]);
});

test('the mistakes list is sorted by loss, filters by true and predicted digit, and opens a mistake inside', async () => {
  await openPanel(lab.page, 'Evaluate');
  const list = lab.page.getByRole('region', { name: 'Mistakes, most confident first' });
  await expect(list.getByTestId('mistake-count')).toContainText(/of [\d,]+ mistakes/);
  const losses = await list.locator('li[data-loss]').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-loss'))));
  expect(losses.length).toBeGreaterThan(10);
  expect(losses).toEqual([...losses].sort((a, b) => b - a));

  await list.getByLabel('True digit').selectOption('4');
  await expect(list.locator('li b').first()).toHaveText(/^4 → [0-35-9]$/);
  const captions = await list.locator('li b').allTextContents();
  expect(captions.every((text) => text.startsWith('4 → '))).toBe(true);

  // From a confusion-matrix cell: the list narrows to that cell.
  const matrix = lab.page.getByRole('table', { name: /Confusion matrix/ });
  const labels = await matrix.getByRole('button').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label') ?? ''));
  const cell = labels.findIndex((label, i) => Math.floor(i / 10) !== i % 10 && !/: 0 images$/.test(label));
  await matrix.getByRole('button').nth(cell).click();
  await lab.page.locator('section.gallery').getByRole('button', { name: 'List by loss' }).click();
  const [actual, predicted] = [Math.floor(cell / 10), cell % 10];
  await expect(list.getByLabel('True digit')).toHaveValue(String(actual));
  await expect(list.getByLabel('Predicted')).toHaveValue(String(predicted));
  await expect(list.locator('li b').first()).toHaveText(`${actual} → ${predicted}`);
  await list.screenshot({ path: `${ARTIFACTS}/inside-mistakes.png` });

  await list.getByRole('button', { name: /^Look inside the network for test image \d+$/ }).first().click();
  const dialog = lab.page.getByRole('dialog', { name: /^Inside the network: test image \d+$/ });
  await expect(dialog.getByTestId('unit-count')).toHaveText('512 units');
  await lab.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(lab.problems).toEqual([]);
});

/** Correct test answers, from the confusion matrix's diagonal (exact counts, not a rounded percent). */
async function correctCount(): Promise<number> {
  const labels = await lab.page.getByRole('table', { name: /Confusion matrix/ }).getByRole('button').evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label') ?? ''));
  return labels.filter((_, i) => Math.floor(i / 10) === i % 10).reduce((sum, label) => sum + Number(/: (\d+) images?$/.exec(label)?.[1]), 0);
}

test('the epoch slider loads epoch 1’s weights: the test accuracy, Draw and the Runs size follow', async () => {
  await openPanel(lab.page, 'Evaluate');
  const slider = lab.page.getByRole('slider', { name: 'Epoch' });
  await expect(lab.page.getByTestId('epoch-shown')).toHaveText('2 of 2');
  const accuracy = lab.page.locator('.card', { hasText: 'Test accuracy' }).locator('.v');
  const atEpoch2 = await accuracy.textContent();
  const correct2 = await correctCount();
  const kernel = lab.page.getByRole('img', { name: /^dense\/kernel: 784×512 values from/ });
  await expect(lab.page.getByRole('heading', { name: 'Weights by layer · epoch 2' })).toBeVisible();
  const kernelAt2 = await kernel.getAttribute('aria-label');
  expect(Number(atEpoch2!.replace(/[^\d.]/g, ''))).toBeCloseTo(correct2 / 100, 1);

  await slider.focus();
  await lab.page.keyboard.press('ArrowLeft');
  await expect(lab.page.getByTestId('epoch-shown')).toHaveText('1 of 2');
  await expect(lab.page.getByText(/loading epoch/)).toBeHidden();
  await expect(accuracy).not.toHaveText(atEpoch2!);
  const correct1 = await correctCount();
  expect(correct1).not.toBe(correct2);
  // The weight histograms are epoch 1's.
  await expect(lab.page.getByRole('heading', { name: 'Weights by layer · epoch 1' })).toBeVisible();
  await expect(kernel).not.toHaveAttribute('aria-label', kernelAt2!);
  // The shown accuracy is epoch 1's test accuracy: the same number as its confusion matrix.
  expect(Number((await accuracy.textContent())!.replace(/[^\d.]/g, ''))).toBeCloseTo(correct1 / 100, 1);
  await lab.page.screenshot({ path: `${ARTIFACTS}/inside-epoch-1.png`, fullPage: true });

  await openPanel(lab.page, 'Draw');
  await expect(lab.page.getByText(/· epoch 1/).first()).toBeVisible();
  await expect(lab.page.getByTestId('epoch-shown')).toHaveText('1 of 2');
  await expect(layerView('dense').getByTestId('unit-count')).toHaveText('512 units');

  // Back to epoch 2: exactly the recorded final test result again.
  await lab.page.getByRole('slider', { name: 'Epoch' }).focus();
  await lab.page.keyboard.press('ArrowRight');
  await expect(lab.page.getByTestId('epoch-shown')).toHaveText('2 of 2');
  await expect(lab.page.getByText(/· epoch 2/).first()).toBeVisible();
  await openPanel(lab.page, 'Evaluate');
  await expect(accuracy).toHaveText(atEpoch2!);
  expect(await correctCount()).toBe(correct2);

  await openPanel(lab.page, 'Runs');
  await expect(lab.page.getByRole('cell', { name: /^\d+(\.\d)? MB · 2 epochs/ }).first()).toBeVisible();
  expect(lab.problems).toEqual([]);
});

test('the convnet preset shows 32 feature maps of 26×26 for its first layer', async () => {
  test.setTimeout(300_000);
  await trainPreset(lab.page, { preset: /Chollet ch\. 8/, subset: 1000, epochs: 1 });
  // The previous run's "Finished" must give way to this run's before waiting for its end.
  // (the 'auto' backend trial of a new architecture comes first: allow for a busy machine)
  await expect(lab.page.locator('.train-panel .status')).not.toHaveClass(/finished/, { timeout: 180_000 });
  await waitForTrainingEnd(lab.page);
  await openPanel(lab.page, 'Draw');
  await lab.page.getByRole('button', { name: /^Clear/ }).click();
  await drawDigit(3);
  const first = layerView('conv2d');
  await expect(first.getByTestId('feature-map-count')).toHaveText('32 feature maps of 26×26');
  await expect(first.getByRole('img', { name: /^32 feature maps of 26×26/ })).toBeVisible();
  await expect(lab.page.locator('li.layer[data-view="probabilities"] li')).toHaveCount(10);
  await lab.page.getByRole('region', { name: 'Inside the network' }).screenshot({ path: `${ARTIFACTS}/inside-draw-convnet.png` });
  expect(lab.problems).toEqual([]);
});
