/**
 * The same kernels in a real browser module worker: bundles bench/browser-worker.ts with esbuild,
 * serves it and the tfjs wasm binaries from 127.0.0.1 with COOP/COEP (crossOriginIsolated, so the
 * threaded SIMD binary is eligible), runs it in headless Chromium and prints BackendInfo and
 * ms/step, stock vs patched.
 *
 *   npx tsx bench/browser-kernels.ts [--steps 20] [--threads N]   (MNIST_LAB_CHROMIUM overrides /usr/bin/chromium)
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const i = process.argv.indexOf('--steps');
const steps = i >= 0 ? Number(process.argv[i + 1]) : 20;
const j = process.argv.indexOf('--threads');
const threads = j >= 0 ? Number(process.argv[j + 1]) : 0;

const bundle = await build({
  entryPoints: [join(import.meta.dirname, 'browser-worker.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  logLevel: 'error',
});
const workerJs = bundle.outputFiles[0]!.contents;

const page = `<!doctype html><script type="module">
const w = new Worker('/worker.js', { type: 'module' });
w.onerror = (e) => { window.result = { error: String(e.message) }; };
w.onmessage = (e) => { window.result = e.data; };
w.postMessage({ wasmPaths: location.origin + '/wasm/', steps: ${steps}, threads: ${threads} });
</script>`;

const server = createServer((req, res) => {
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const url = req.url ?? '/';
  if (url === '/') return res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(page);
  if (url === '/worker.js') return res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(workerJs);
  const m = /^\/wasm\/(tfjs-backend-wasm(-simd|-threaded-simd)?\.wasm)$/.exec(url);
  if (m) return res.writeHead(200, { ...headers, 'Content-Type': 'application/wasm' }).end(readFileSync(join(wasmDir, m[1]!)));
  if (url === '/favicon.ico') return res.writeHead(204, headers).end();
  res.writeHead(404, headers).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;

const browser = await chromium.launch({
  executablePath: process.env.MNIST_LAB_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const tab = await browser.newPage();
  tab.on('console', (msg) => {
    if (msg.type() === 'error') console.error('[browser]', msg.text());
  });
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.waitForFunction(() => (window as unknown as { result?: unknown }).result != null, null, { timeout: 600_000 });
  const result = (await tab.evaluate(() => (window as unknown as { result: unknown }).result)) as {
    info?: unknown;
    error?: string;
    rows: { recipe: string; kernels: string; ms: number | string }[];
  };
  if (result.error) throw new Error(result.error);
  console.log('BackendInfo (patched):', JSON.stringify(result.info));
  console.log(`${'recipe'.padEnd(12)} ${'kernels'.padEnd(8)} ${'ms/step'.padStart(9)} ${'s/epoch'.padStart(9)}`);
  for (const r of result.rows) {
    const ms = typeof r.ms === 'number' ? r.ms.toFixed(1) : r.ms;
    const s = typeof r.ms === 'number' ? ((r.ms * 469) / 1000).toFixed(2) : '';
    console.log(`${r.recipe.padEnd(12)} ${r.kernels.padEnd(8)} ${ms.padStart(9)} ${s.padStart(9)}`);
  }
} finally {
  await browser.close();
  server.close();
}
