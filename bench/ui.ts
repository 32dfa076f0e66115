/**
 * The UI figures alone (without the training benchmark): `npx tsx bench/ui.ts` after `npm run build`.
 * `npm run bench` prints the same lines after its table.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH } from '../playwright.config.ts';
import { startWebHost } from '../e2e/support/web-host.ts';
import { runUiFigures } from './ui-figures.ts';

const host = await startWebHost();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  await runUiFigures(browser, host.url, (line) => process.stdout.write(`${line}\n`));
} finally {
  await browser.close();
  await host.stop();
}
