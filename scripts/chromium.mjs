/**
 * Debian's Chromium for the scripts and benches that drive a browser outside the Playwright test
 * runner (`npm run bench`, the previews, the kernel profile): /usr/bin/chromium or
 * MNIST_LAB_CHROMIUM, with the flags this project runs it with everywhere.
 */
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** @returns {Promise<import('@playwright/test').Browser>} */
export function launchChromium() {
  return chromium.launch({ executablePath: process.env.MNIST_LAB_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
