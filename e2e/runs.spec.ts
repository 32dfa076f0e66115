/**
 * Every run is kept: two short runs with different settings appear in the Runs panel, compare
 * side by side with only their differences listed, and one is exported in every format through
 * the UI as a browser download whose files are checked.
 */
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { ARTIFACTS, openPanel, trainPreset, waitForTrainingEnd } from './support/lab-page.ts';
import { labSession } from './support/lab-session.ts';

test.describe.configure({ mode: 'serial' });

let exportedKeras: Uint8Array | undefined;

const lab = labSession({ context: { viewport: { width: 1400, height: 950 }, acceptDownloads: true } });

test('two runs with different batch sizes are kept and listed', async () => {
  for (const batchSize of [128, 32]) {
    await trainPreset(lab.page, { subset: 1000, epochs: 2, batchSize });
    await waitForTrainingEnd(lab.page);
  }
  await openPanel(lab.page, 'Runs');
  const rows = lab.page.getByRole('checkbox', { name: /^Select .* for comparison/ });
  await expect(rows).toHaveCount(2);
  await lab.page.screenshot({ path: `${ARTIFACTS}/runs.png`, fullPage: true });
});

test('compare shows both curves and only the settings that differ', async () => {
  const boxes = lab.page.getByRole('checkbox', { name: /^Select .* for comparison/ });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await lab.page.getByRole('button', { name: /^Compare/ }).click();
  await expect(lab.page.getByText(/batch size differs/i).first()).toBeVisible();
  await expect(lab.page.getByText(/32 · 128|128 · 32/).first()).toBeVisible();
  await lab.page.screenshot({ path: `${ARTIFACTS}/compare.png`, fullPage: true });
});

test('a run exports in every format as one download with a USAGE.txt per format', async () => {
  await openPanel(lab.page, 'Runs');
  await lab.page.getByRole('button', { name: 'All runs' }).click();
  await lab.page.getByRole('button', { name: /^Export / }).first().click();
  const dialog = lab.page.getByRole('dialog', { name: /^Export/ });
  await expect(dialog).toBeVisible();
  const downloaded = lab.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^mnist-lab-.*\.zip$/);
  const archive = unzipSync(new Uint8Array(readFileSync(await download.path())));
  exportedKeras = archive['keras/model.keras'];
  const files = Object.keys(archive);
  for (const expected of ['keras/model.keras', 'keras/model.weights.h5', 'onnx/model.onnx', 'tfjs/model.json', 'tfjs/weights.bin']) {
    expect(files).toContain(expected);
  }
  for (const format of ['keras', 'onnx', 'npz', 'tfjs']) expect(files).toContain(`${format}/USAGE.txt`);
  await expect(dialog.getByRole('status')).toContainText('Downloaded');
  await lab.page.screenshot({ path: `${ARTIFACTS}/export.png` });
});

test('an exported .keras file opens again: evaluated, drawable, and its training continues', async () => {
  expect(exportedKeras).toBeDefined();
  await lab.page.keyboard.press('Escape');
  await openPanel(lab.page, 'Runs');
  const chooser = lab.page.waitForEvent('filechooser');
  await lab.page.getByRole('button', { name: 'Open a model file…' }).click();
  await (await chooser).setFiles({ name: 'model.keras', mimeType: 'application/zip', buffer: Buffer.from(exportedKeras!) });
  await expect(lab.page.getByRole('heading', { level: 1 })).toHaveText('Evaluate');
  await expect(lab.page.getByRole('status').filter({ hasText: 'Opened model.keras' })).toBeVisible();
  await expect(lab.page.getByRole('table', { name: /Confusion matrix/ })).toBeVisible();
  await openPanel(lab.page, 'Draw');
  await expect(lab.page.getByText('model.keras').first()).toBeVisible();

  await openPanel(lab.page, 'Train');
  await lab.page.getByRole('checkbox', { name: /Continue training/ }).check();
  await lab.page.getByRole('button', { name: /Start|Train again/ }).click();
  // The opened model's own recipe is 5 full epochs: once it trains, stopping it keeps the run too.
  const progress = lab.page.getByRole('progressbar', { name: 'Training progress' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 120_000 }).toBeGreaterThan(0);
  await lab.page.getByRole('button', { name: 'Stop' }).click();
  await waitForTrainingEnd(lab.page);
  await openPanel(lab.page, 'Runs');
  await expect(lab.page.getByRole('checkbox', { name: /^Select .* for comparison/ })).toHaveCount(3);
});

test('a run that failed says why in its status cell', async () => {
  // SGD with a learning rate of 10³⁰ from fresh weights on the plain-JS backend: the weights overflow
  // within two batches and the NaN guard ends the run (on wasm this run's loss stayed finite).
  await openPanel(lab.page, 'Train');
  await lab.page.getByRole('checkbox', { name: /Continue training/ }).uncheck();
  await openPanel(lab.page, 'Model');
  await lab.page.getByRole('button', { name: /Chollet ch\. 2/ }).click();
  await lab.page.getByLabel('Training examples').selectOption('1000');
  await lab.page.getByLabel('Epochs').fill('1');
  await lab.page.getByLabel('Optimizer').selectOption('sgd');
  await lab.page.getByLabel('Learning rate').fill('1e30');
  await lab.page.getByLabel('Backend').selectOption('cpu');
  await lab.page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(lab.page.getByRole('alert').filter({ hasText: /^Training failed: / })).toBeVisible({ timeout: 120_000 });
  await openPanel(lab.page, 'Runs');
  // the status cell's accessible name: the badge, then why
  const cell = lab.page.getByRole('cell', { name: /^Failed ?: Training stopped at epoch 1, batch \d+: the loss became (NaN|infinite)/ });
  await expect(cell).toBeVisible();
  await cell.screenshot({ path: `${ARTIFACTS}/runs-failed-status.png` });
});

test('no console errors in the page or its workers', () => {
  expect(lab.problems).toEqual([]);
});
