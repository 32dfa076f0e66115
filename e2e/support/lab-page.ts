/** Shared steps of the end-to-end specs: open the lab, get MNIST, collect problems, save screenshots. */
import { expect, type Page } from '@playwright/test';

export const ARTIFACTS = 'e2e/artifacts';

/** Console errors and page errors, in the page and in its workers. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('worker', (worker) => worker.on('console', (message) => message.type() === 'error' && problems.push(`worker console.error: ${message.text()}`)));
  return problems;
}

export async function openPanel(page: Page, name: 'Data' | 'Model' | 'Train' | 'Evaluate' | 'Draw' | 'Runs' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Panels' }).getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/** Installs the offline MNIST copy the app carries and waits until the engine holds it. */
export async function useOfflineMnist(page: Page): Promise<void> {
  await openPanel(page, 'Data');
  const offline = page.getByRole('button', { name: 'Use the offline copy' });
  const grid = page.getByRole('grid').first();
  // Already installed in this data folder (an earlier test): the browser shows up by itself.
  await expect(offline.or(grid)).toBeVisible({ timeout: 30_000 });
  if (await offline.isVisible()) await offline.click();
  await expect(grid).toBeVisible({ timeout: 60_000 });
  // The grid shows the first screen first; the label filter counts the whole split once it is loaded.
  await expect(page.getByRole('radio', { name: /^All labels, 60000 images/ })).toBeVisible({ timeout: 60_000 });
}

/** Loads a preset, sets the subset and epochs, and starts training from the Model panel. */
export async function trainPreset(
  page: Page,
  options: { preset?: RegExp; subset: number | 'all'; epochs: number; batchSize?: number },
): Promise<void> {
  await openPanel(page, 'Model');
  await page.getByRole('button', { name: options.preset ?? /Chollet ch\. 2/ }).click();
  const subset = page.getByLabel('Training examples');
  if (options.subset === 'all') await subset.selectOption('all');
  else if (options.subset === 1000 || options.subset === 10000) await subset.selectOption(String(options.subset));
  else {
    await subset.selectOption('custom');
    await page.getByLabel('Number of training examples').fill(String(options.subset));
  }
  await page.getByLabel('Epochs').fill(String(options.epochs));
  if (options.batchSize) await page.getByLabel('Batch size').fill(String(options.batchSize));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Train');
}

export async function waitForTrainingEnd(page: Page, timeout = 180_000): Promise<void> {
  await expect(page.locator('.train-panel .status')).toHaveText(/Finished|Stopped/, { timeout });
}
