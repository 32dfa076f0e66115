import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Ships TF.js's .wasm binaries inside our build (served at ./wasm/) so nothing comes from a CDN. */
function tfjsWasmFiles(): Plugin {
  const dir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  return {
    name: 'mnist-lab:tfjs-wasm-files',
    apply: 'build',
    generateBundle() {
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.wasm'))) {
        this.emitFile({ type: 'asset', fileName: `wasm/${file}`, source: readFileSync(join(dir, file)) });
      }
    },
  };
}

export default defineConfig({
  root: join(root, 'renderer'),
  base: './',
  plugins: [svelte({ configFile: join(root, 'svelte.config.js') }), tfjsWasmFiles()],
  worker: { format: 'es' },
  build: {
    outDir: join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    sourcemap: true,
    rollupOptions: { input: { main: join(root, 'renderer', 'index.html'), bench: join(root, 'renderer', 'bench.html') } },
    // TF.js's wasm backend starts its pthreads from `factory.toString()`; mangled names break that.
    minify: false,
  },
});
