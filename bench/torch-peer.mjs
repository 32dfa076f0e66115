/**
 * Runs bench/torch-peer.py (the PyTorch peer of the two recipes) for `npm run bench`, when
 * /usr/bin/python3 (or MNIST_LAB_PYTHON) has torch. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are
 * removed from ITS environment only, so OpenBLAS (where installed) picks the CPU's own kernels;
 * OMP_WAIT_POLICY=PASSIVE keeps OpenMP from spinning on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * @param {{ dataDir: string, threads: number[], quick: boolean }} options
 * @returns {{ rows: Array<{ recipe: 'mlp' | 'cnn', threads: number, secondsPerEpoch: number, msPerStep: number, steps: number, torch: string, blas: string }> } | { skipped: string }}
 */
export function runTorchPeer({ dataDir, threads, quick }) {
  const python = process.env.MNIST_LAB_PYTHON ?? '/usr/bin/python3';
  if (!existsSync(python)) return { skipped: `PyTorch peer skipped: ${python} not found` };
  const env = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const probe = spawnSync(python, ['-c', 'import torch'], { env, encoding: 'utf8' });
  if (probe.status !== 0) return { skipped: `PyTorch peer skipped: ${python} has no torch (import torch failed)` };
  const rows = [];
  for (const n of threads) {
    const steps = quick ? ['--mlp-steps', '100', '--cnn-steps', '40'] : [];
    const run = spawnSync(python, [join(here, 'torch-peer.py'), dataDir, '--threads', String(n), ...steps], { env, encoding: 'utf8', timeout: 15 * 60_000 });
    if (run.status !== 0) return { skipped: `PyTorch peer failed (${n} threads): ${(run.stderr || run.error?.message || '').trim().split('\n').pop()}` };
    for (const line of run.stdout.trim().split('\n')) rows.push(JSON.parse(line));
  }
  return { rows };
}
