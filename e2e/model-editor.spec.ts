/**
 * The Model panel in Chromium through the web host: the registry's newer layer types come from the
 * palette with their fields and Keras code, and model-size limits show inline and block training.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectProblems, openPanel, useOfflineMnist } from './support/lab-page.ts';
import { startWebHost, type RunningWebHost } from './support/web-host.ts';

test.describe.configure({ mode: 'serial' });

let host: RunningWebHost;
let page: Page;
let problems: string[];

test.beforeAll(async ({ browser }) => {
  host = await startWebHost();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  problems = collectProblems(page);
  await page.goto(host.url);
  await useOfflineMnist(page); // Train is enabled only with a dataset
  await openPanel(page, 'Model');
  await page.getByRole('button', { name: /Chollet ch\. 2/ }).click();
  await expect(page.getByText('407 050').first()).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});

test('LeakyReLU and Activation come from the palette with their settings and Keras code', async () => {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await page.getByLabel('Insert').selectOption({ label: 'before 2 · dense_1' });
  await page.getByRole('button', { name: /^Add LeakyReLU/ }).click();
  await expect(page.getByLabel('Negative slope')).toHaveValue('0.3');
  await page.getByLabel('Negative slope').fill('0.1');
  await page.getByLabel('Insert').selectOption({ label: 'at the end' });
  await page.getByRole('button', { name: /^Add Activation/ }).click();
  // The last layer now applies relu: cross-entropy needs softmax there, and the editor says so.
  await expect(page.getByText(/layer 4 \(Activation\) is the last layer/).first()).toBeVisible();
  await expect(train).toBeDisabled();
  await page.getByRole('combobox', { name: 'Activation' }).last().selectOption('softmax');
  await expect(train).toBeEnabled();
  const code = page.getByLabel('Keras program for this design (read-only)');
  await expect(code).toContainText('layers.LeakyReLU(negative_slope=0.1)');
  await expect(code).toContainText('layers.Activation("softmax")');
  await expect(page.getByText('407 050').first()).toBeVisible();
});

test('a model too large for the lab is refused inline, naming the limit and the layer', async () => {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await page.getByRole('button', { name: /Chollet ch\. 2/ }).click();
  await page.getByLabel('Units').first().fill('1000000');
  await expect(page.getByText("layer 1 (Dense) would have 785 000 000 parameters; the lab's limit is 50 000 000").first()).toBeVisible();
  await expect(train).toBeDisabled();
  await page.getByLabel('Units').first().fill('512');
  await expect(train).toBeEnabled();

  await page.getByLabel('Batch size').fill('1000000000');
  await expect(page.getByText("fit: batch_size 1 000 000 000 is above the lab's limit of 4 096").first()).toBeVisible();
  await expect(train).toBeDisabled();
  await page.getByLabel('Batch size').fill('128');
  await expect(train).toBeEnabled();
});

test('no console errors in the page', () => {
  expect(problems).toEqual([]);
});
