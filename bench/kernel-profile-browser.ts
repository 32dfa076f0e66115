/**
 * Runs kernel-profile.worker.ts in Debian Chromium: bundles it with esbuild, serves it with the
 * wasm binaries on 127.0.0.1 with COOP/COEP (cross-origin isolated, as the app is), prints its lines.
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProfileOptions } from './kernel-profile-core.ts';

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = join(here, '../node_modules/@tensorflow/tfjs-backend-wasm/dist');

const PAGE = `<!doctype html><meta charset="utf-8"><script>
const worker = new Worker('/worker.js');
worker.onmessage = (event) => { window.profile = event.data; };
worker.postMessage(Object.assign(JSON.parse(decodeURIComponent(location.hash.slice(1))), { wasmPaths: location.origin + '/wasm/' }));
</script>`;

export async function profileInChromium(options: Omit<ProfileOptions, 'clock' | 'clockName'> & { threads?: number }): Promise<string[]> {
  const bundle = await build({ entryPoints: [join(here, 'kernel-profile.worker.ts')], bundle: true, format: 'iife', write: false, logLevel: 'error' });
  const worker = bundle.outputFiles[0]!.contents;
  const server = createServer((req, res) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    const path = req.url ?? '/';
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (path === '/worker.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(worker);
    const wasm = /^\/wasm\/(tfjs-backend-wasm[\w-]*\.wasm)$/.exec(path);
    if (wasm) return res.writeHead(200, { 'content-type': 'application/wasm' }).end(readFileSync(join(wasmDir, wasm[1]!)));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.MNIST_LAB_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/#${encodeURIComponent(JSON.stringify(options))}`);
    const handle = await page.waitForFunction(() => (window as { profile?: unknown }).profile, null, { timeout: 10 * 60_000, polling: 500 });
    const result = (await handle.jsonValue()) as { lines?: string[]; error?: string };
    if (result.error != null) throw new Error(`profile in Chromium failed: ${result.error}`);
    return result.lines!;
  } finally {
    await browser.close();
    server.close();
  }
}
