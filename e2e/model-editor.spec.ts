/**
 * The Model panel in Chromium through the web host: the registry's newer layer types come from the
 * palette with their fields and Keras code, and model-size limits show inline and block training.
 */
import { expect, test } from '@playwright/test';
import { openPanel } from './support/lab-page.ts';
import { labSession } from './support/lab-session.ts';

test.describe.configure({ mode: 'serial' });

const lab = labSession();

test.beforeAll(async () => {
  await openPanel(lab.page, 'Model');
  await lab.page.getByRole('button', { name: /Chollet ch\. 2/ }).click();
  await expect(lab.page.getByText('407 050').first()).toBeVisible();
});

test('LeakyReLU and Activation come from the palette with their settings and Keras code', async () => {
  const train = lab.page.getByRole('button', { name: 'Train', exact: true });
  await lab.page.getByLabel('Insert').selectOption({ label: 'before 2 · dense_1' });
  await lab.page.getByRole('button', { name: /^Add LeakyReLU/ }).click();
  await expect(lab.page.getByLabel('Negative slope')).toHaveValue('0.3');
  await lab.page.getByLabel('Negative slope').fill('0.1');
  await lab.page.getByLabel('Insert').selectOption({ label: 'at the end' });
  await lab.page.getByRole('button', { name: /^Add Activation/ }).click();
  // The last layer now applies relu: cross-entropy needs softmax there, and the editor says so.
  await expect(lab.page.getByText(/layer 4 \(Activation\) is the last layer/).first()).toBeVisible();
  await expect(train).toBeDisabled();
  await lab.page.getByRole('combobox', { name: 'Activation' }).last().selectOption('softmax');
  await expect(train).toBeEnabled();
  const code = lab.page.getByLabel('Keras program for this design (read-only)');
  await expect(code).toContainText('layers.LeakyReLU(negative_slope=0.1)');
  await expect(code).toContainText('layers.Activation("softmax")');
  await expect(lab.page.getByText('407 050').first()).toBeVisible();
});

test('a model too large for the lab is refused inline, naming the limit and the layer', async () => {
  const train = lab.page.getByRole('button', { name: 'Train', exact: true });
  await lab.page.getByRole('button', { name: /Chollet ch\. 2/ }).click();
  await lab.page.getByLabel('Units').first().fill('1000000');
  await expect(lab.page.getByText("layer 1 (Dense) would have 785 000 000 parameters; the lab's limit is 50 000 000").first()).toBeVisible();
  await expect(train).toBeDisabled();
  await lab.page.getByLabel('Units').first().fill('512');
  await expect(train).toBeEnabled();

  await lab.page.getByLabel('Batch size').fill('1000000000');
  await expect(lab.page.getByText("fit: batch_size 1 000 000 000 is above the lab's limit of 4 096").first()).toBeVisible();
  await expect(train).toBeDisabled();
  await lab.page.getByLabel('Batch size').fill('128');
  await expect(train).toBeEnabled();
});

test('no console errors in the page', () => {
  expect(lab.problems).toEqual([]);
});
