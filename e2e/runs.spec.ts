/**
 * Every run is kept: two short runs with different settings appear in the Runs panel, compare
 * side by side with only their differences listed, and one is exported in every format through
 * the UI as a browser download whose files are checked.
 */
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { ARTIFACTS, collectProblems, openPanel, trainPreset, useOfflineMnist, waitForTrainingEnd } from './support/lab-page.ts';
import { startWebHost, type RunningWebHost } from './support/web-host.ts';

test.describe.configure({ mode: 'serial' });

let host: RunningWebHost;
let page: Page;
let problems: string[];
let exportedKeras: Uint8Array | undefined;

test.beforeAll(async ({ browser }) => {
  host = await startWebHost();
  page = await browser.newPage({ viewport: { width: 1400, height: 950 }, acceptDownloads: true });
  problems = collectProblems(page);
  await page.goto(host.url);
  await useOfflineMnist(page);
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});

test('two runs with different batch sizes are kept and listed', async () => {
  for (const batchSize of [128, 32]) {
    await trainPreset(page, { subset: 1000, epochs: 2, batchSize });
    await waitForTrainingEnd(page);
  }
  await openPanel(page, 'Runs');
  const rows = page.getByRole('checkbox', { name: /^Select .* for comparison/ });
  await expect(rows).toHaveCount(2);
  await page.screenshot({ path: `${ARTIFACTS}/runs.png`, fullPage: true });
});

test('compare shows both curves and only the settings that differ', async () => {
  const boxes = page.getByRole('checkbox', { name: /^Select .* for comparison/ });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: /^Compare/ }).click();
  await expect(page.getByText(/batch size differs/i).first()).toBeVisible();
  await expect(page.getByText(/32 · 128|128 · 32/).first()).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/compare.png`, fullPage: true });
});

test('a run exports in every format as one download with a USAGE.txt per format', async () => {
  await openPanel(page, 'Runs');
  await page.getByRole('button', { name: 'All runs' }).click();
  await page.getByRole('button', { name: /^Export / }).first().click();
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await expect(dialog).toBeVisible();
  const downloaded = page.waitForEvent('download');
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
  await page.screenshot({ path: `${ARTIFACTS}/export.png` });
});

test('an exported .keras file opens again: evaluated, drawable, and its training continues', async () => {
  expect(exportedKeras).toBeDefined();
  await page.keyboard.press('Escape');
  await openPanel(page, 'Runs');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a model file…' }).click();
  await (await chooser).setFiles({ name: 'model.keras', mimeType: 'application/zip', buffer: Buffer.from(exportedKeras!) });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Evaluate');
  await expect(page.getByRole('status').filter({ hasText: 'Opened model.keras' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Confusion matrix/ })).toBeVisible();
  await openPanel(page, 'Draw');
  await expect(page.getByText('model.keras').first()).toBeVisible();

  await openPanel(page, 'Train');
  await page.getByRole('checkbox', { name: /Continue training/ }).check();
  await page.getByRole('button', { name: /Start|Train again/ }).click();
  // The opened model's own recipe is 5 full epochs: once it trains, stopping it keeps the run too.
  const progress = page.getByRole('progressbar', { name: 'Training progress' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 120_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Stop' }).click();
  await waitForTrainingEnd(page);
  await openPanel(page, 'Runs');
  await expect(page.getByRole('checkbox', { name: /^Select .* for comparison/ })).toHaveCount(3);
});

test('no console errors in the page or its workers', () => {
  expect(problems).toEqual([]);
});
