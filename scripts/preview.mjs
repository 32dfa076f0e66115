#!/usr/bin/env node
/**
 * Developer tool: build one preview entry (a module under renderer/previews/ that mounts a
 * component with sample props) into a temp folder, open it in Debian Chromium and save a
 * screenshot — to look at a component before it is wired into the app.
 *   node scripts/preview.mjs renderer/previews/draw.ts /tmp/draw.png [--dark] [--width 1280] [--height 860] [--wait 1500]
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, screenshot, ...rest] = process.argv.slice(2);
if (!entry || !screenshot) {
  process.stderr.write('usage: node scripts/preview.mjs <renderer/previews/x.ts> <out.png> [--dark] [--width N] [--height N] [--wait ms]\n');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : fallback;
};
const outDir = mkdtempSync(join(tmpdir(), 'mnist-lab-preview-'));
const rendererDir = join(root, 'renderer');
const html = join(rendererDir, `.preview-${process.pid}.html`);
writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"></head><body><div id="app"></div><script type="module" src="./${relative(rendererDir, resolve(entry))}"></script></body></html>`);
try {
  await build({
    root: rendererDir,
    base: './',
    logLevel: 'warn',
    configFile: false,
    plugins: [svelte({ configFile: join(root, 'svelte.config.js') })],
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, minify: false, rollupOptions: { input: html } },
  });
} finally {
  (await import('node:fs')).rmSync(html, { force: true });
}
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };
const server = createServer(async (req, res) => {
  const path = join(outDir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchChromium();
const page = await browser.newPage({
  viewport: { width: Number(option('width', 1280)), height: Number(option('height', 860)) },
  colorScheme: rest.includes('--dark') ? 'dark' : 'light',
});
page.on('console', (m) => m.type() === 'error' && process.stderr.write(`console.error: ${m.text()}\n`));
page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
await page.goto(`http://127.0.0.1:${server.address().port}/${relative(rendererDir, html).replace(/\\/g, '/')}`);
await page.waitForTimeout(Number(option('wait', 1500)));
await page.screenshot({ path: screenshot, fullPage: true });
await browser.close();
server.close();
process.stdout.write(`preview: ${screenshot}\n`);
