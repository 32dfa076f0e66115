/**
 * The UI figures alone (without the training benchmark): `npx tsx bench/ui.ts` after `npm run build`.
 * `npm run bench` prints the same lines after its table.
 */
import type { Browser } from '@playwright/test';
// @ts-expect-error plain .mjs script without type declarations
import { launchChromium as launch } from '../scripts/chromium.mjs';
import { startWebHost } from '../e2e/support/web-host.ts';
import { runUiFigures } from './ui-figures.ts';

const host = await startWebHost();
const browser = await (launch as () => Promise<Browser>)();
try {
  await runUiFigures(browser, host.url, (line) => process.stdout.write(`${line}\n`));
} finally {
  await browser.close();
  await host.stop();
}
