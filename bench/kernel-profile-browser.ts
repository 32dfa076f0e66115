/** Runs kernel-profile.worker.ts in Debian Chromium, cross-origin isolated as the app is; returns its lines. */
import type { Browser } from '@playwright/test';
// @ts-expect-error plain .mjs script without type declarations
import { launchChromium as launch } from '../scripts/chromium.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveIsolatedWorker } from '../test-support/isolated-worker-page.ts';
import type { ProfileOptions } from './kernel-profile-core.ts';
import type { BackpropFilterRoute, BackpropInputRoute } from '../workers/engine/wasm/conv2d-backprop.ts';

const here = dirname(fileURLToPath(import.meta.url));

export async function profileInChromium(options: Omit<ProfileOptions, 'clock' | 'clockName'> & { threads?: number; tfjsThreads?: number; routes: { filter: BackpropFilterRoute; input: BackpropInputRoute } }): Promise<string[]> {
  const served = await serveIsolatedWorker(join(here, 'kernel-profile.worker.ts'));
  const browser = await (launch as () => Promise<Browser>)();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    await page.goto(`${served.url}#${encodeURIComponent(JSON.stringify(options))}`);
    const handle = await page.waitForFunction(() => (window as { workerResult?: unknown }).workerResult, null, { timeout: 10 * 60_000, polling: 500 });
    const result = (await handle.jsonValue()) as { lines?: string[]; error?: string };
    if (result.error != null) throw new Error(`profile in Chromium failed: ${result.error}`);
    return result.lines!;
  } finally {
    await browser.close();
    await served.close();
  }
}
