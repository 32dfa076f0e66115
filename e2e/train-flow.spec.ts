/**
 * Model → Train → Evaluate in Chromium through the web host: the editor's live parameter count and
 * inline errors, real training on MNIST in the worker with live charts, pause/resume, a responsive
 * UI (long tasks measured), and the evaluation of the trained model.
 */
import { expect, test } from '@playwright/test';
import { describeTasks, LONG_TASK_BUDGET_MS, observeLongTasks, takeLongTasks, traceMainThread } from '../bench/ui-figures.ts';
import { ARTIFACTS, openPanel, trainPreset, waitForTrainingEnd } from './support/lab-page.ts';
import { labSession } from './support/lab-session.ts';

test.describe.configure({ mode: 'serial' });

const lab = labSession({ beforeGoto: observeLongTasks });

test('the editor counts 407 050 parameters and blocks training on an invalid design', async () => {
  await openPanel(lab.page, 'Model');
  await lab.page.getByRole('button', { name: /Chollet ch\. 2/ }).click();
  await expect(lab.page.getByText('407 050').first()).toBeVisible();
  const train = lab.page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();

  // Flatten first, then a Conv2D after it: a Conv2D cannot take the flat vector.
  await lab.page.getByLabel('Insert').selectOption({ label: 'before 1 · dense' });
  await lab.page.getByRole('button', { name: /^Add Flatten/ }).click();
  await lab.page.getByLabel('Insert').selectOption({ label: 'before 2 · dense' });
  await lab.page.getByRole('button', { name: /^Add Conv2D/ }).click();
  await expect(lab.page.getByText(/Conv2D\) needs a 3-D input/).first()).toBeVisible();
  await expect(train).toBeDisabled();
  await lab.page.screenshot({ path: `${ARTIFACTS}/model-invalid.png`, fullPage: true });

  await lab.page.getByRole('button', { name: /^Remove conv2d/ }).click();
  await expect(train).toBeEnabled();
  await lab.page.getByRole('button', { name: /Chollet ch\. 2/ }).click();
  await expect(lab.page.getByText('407 050').first()).toBeVisible();
  await lab.page.screenshot({ path: `${ARTIFACTS}/model.png`, fullPage: true });
});

test('trains the default recipe on 2 000 images for 1 epoch: charts fill, progress reaches 100 %', async () => {
  await trainPreset(lab.page, { subset: 2000, epochs: 1 });
  await waitForTrainingEnd(lab.page);
  // 'auto' measured the model on each backend before choosing.
  await expect(lab.page.getByTestId('backend-trial')).toContainText(/wasm\s*[\d.]+ ms\/step/);
  console.info(await lab.page.getByTestId('backend-trial').textContent());
  await expect(lab.page.getByRole('progressbar', { name: 'Training progress' })).toHaveAttribute('aria-valuenow', '100');
  const lossChart = lab.page.getByRole('img', { name: /^Loss per batch/i });
  await expect(lossChart).toBeVisible();
  await expect(lossChart).not.toHaveAttribute('aria-label', /no data/i);
  await expect(lab.page.getByRole('region', { name: 'Per-epoch metrics' })).toContainText('1/1');
  await lab.page.screenshot({ path: `${ARTIFACTS}/train.png`, fullPage: true });
});

test('the Evaluate panel shows a confusion matrix over the 10 000 test images; a cell shows its images', async () => {
  await openPanel(lab.page, 'Evaluate');
  const matrix = lab.page.getByRole('table', { name: /Confusion matrix/ });
  await expect(matrix).toBeVisible();
  const labels = await matrix.getByRole('button').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label') ?? ''));
  expect(labels).toHaveLength(100);
  const counts = labels.map((label) => Number(/: (\d+) images?$/.exec(label)?.[1]));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
  const confusion = labels.findIndex((label, i) => Math.floor(i / 10) !== i % 10 && (counts[i] ?? 0) > 0);
  await matrix.getByRole('button').nth(confusion).click();
  const gallery = lab.page.locator('section.gallery');
  await expect(gallery).toBeVisible();
  await expect(gallery.locator('li').first()).toBeVisible();
  await expect(gallery.locator('li').first()).toContainText(/\d → \d/);
  await lab.page.screenshot({ path: `${ARTIFACTS}/evaluate.png`, fullPage: true });
});

test('pause keeps the run where it is, resume finishes it; the UI stays responsive while training', async () => {
  await takeLongTasks(lab.page);
  // CPU time per main-thread task from a Chromium trace: robust on a machine shared with other jobs (see bench/ui-figures.ts).
  const stopTrace = await traceMainThread(lab.page);
  await trainPreset(lab.page, { subset: 'all', epochs: 1 });
  const progress = lab.page.getByRole('progressbar', { name: 'Training progress' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(10);
  await lab.page.getByRole('button', { name: 'Pause' }).click();
  await expect(lab.page.locator('.train-panel .status')).toHaveText('Paused');
  const pausedAt = await progress.getAttribute('aria-valuenow');
  await lab.page.waitForTimeout(1500);
  await expect(progress).toHaveAttribute('aria-valuenow', pausedAt ?? '');
  await lab.page.getByRole('button', { name: 'Resume' }).click();
  await waitForTrainingEnd(lab.page);
  await expect(lab.page.locator('.train-panel .result')).toContainText('test accuracy');
  const tasks = await stopTrace();
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  const longTasks = await takeLongTasks(lab.page);
  console.info(describeTasks('UI thread from Train to the summary, full epoch with pause/resume', tasks, longTasks));
  expect(tasks.tasks).toBeGreaterThan(100);
  expect(tasks.worstCpuMs).toBeLessThanOrEqual(LONG_TASK_BUDGET_MS);
  await openPanel(lab.page, 'Evaluate');
  const accuracy = lab.page.getByText(/TEST ACCURACY|Test accuracy/).locator('..');
  console.info(`after 1 epoch of the default recipe: ${(await accuracy.textContent())?.replace(/\s+/g, ' ')}`);
});

test('no console errors in the page or its workers', () => {
  expect(lab.problems).toEqual([]);
});
