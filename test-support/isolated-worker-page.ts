/**
 * Serves one bundled worker script on 127.0.0.1 with COOP/COEP, the way the app's pages are served
 * (cross-origin isolated: tfjs runs its threaded wasm binary, our GEMM can start helpers), plus
 * tfjs-backend-wasm's binaries under /wasm/. The page posts the JSON in its URL hash (and
 * `wasmPaths`) to the worker and puts the worker's first reply on `window.workerResult`.
 * Used by `bench/kernel-profile.ts --browser` and the threaded-GEMM e2e.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmDir = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');

const PAGE = `<!doctype html><meta charset="utf-8"><title>worker</title><script>
const worker = new Worker('/worker.js');
worker.onmessage = (event) => { window.workerResult = event.data; };
worker.onerror = (event) => { window.workerResult = { error: event.message }; };
worker.postMessage(Object.assign(JSON.parse(decodeURIComponent(location.hash.slice(1) || '%7B%7D')), { wasmPaths: location.origin + '/wasm/' }));
</script>`;

export interface IsolatedWorkerPage {
  /** the page's address; append `#` + encodeURIComponent(JSON) for the worker's request */
  url: string;
  close(): Promise<void>;
}

export async function serveIsolatedWorker(entry: string): Promise<IsolatedWorkerPage> {
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'iife', write: false, logLevel: 'error' });
  const script = bundle.outputFiles[0]!.contents;
  const server = createServer((req, res) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    const path = req.url ?? '/';
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (path === '/worker.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const wasm = /^\/wasm\/(tfjs-backend-wasm[\w-]*\.wasm)$/.exec(path);
    if (wasm) return void res.writeHead(200, { 'content-type': 'application/wasm' }).end(readFileSync(join(wasmDir, wasm[1]!)));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
