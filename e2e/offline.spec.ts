/**
 * First launch without a network: every mirror refuses, so the Download button installs the copy
 * of MNIST the app carries, says so, and the dataset is ready to browse.
 */
import { expect, test } from '@playwright/test';
import { startMnistMirror } from '../test-support/mnist-mirror.ts';
import { collectProblems } from './support/lab-page.ts';
import { startWebHost } from './support/web-host.ts';

test('when no mirror answers, Download installs the bundled MNIST and says so', async ({ page }) => {
  const mirror = await startMnistMirror();
  mirror.setMode('*', 'http403');
  const host = await startWebHost({ MNIST_LAB_MIRRORS: mirror.url });
  try {
    const problems = collectProblems(page);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Download MNIST' }).click();
    await expect(page.getByRole('status').filter({ hasText: /No mirror could be reached.*ships with MNIST Lab/ })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('status').filter({ hasText: /^Ready/ })).toBeVisible();
    await expect(page.getByRole('grid').first()).toBeVisible();
    expect(mirror.requests.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  } finally {
    await host.stop();
    await mirror.close();
  }
});
