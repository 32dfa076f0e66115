/** The committed SIMD binaries are exactly what kernels.wat assembles to (no stale or hand-patched .wasm). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without type declarations
import { assemble, OUTPUTS } from './build.mjs';
import { simdSupported } from './kernels.ts';

/** Runs gemm-check.mjs on the four binaries in `node --experimental-wasm-relaxed-simd`; its stdout. */
function runWithRelaxedSimd(built: Record<string, Uint8Array>, what: 'exports' | 'gemm' | 'sparse'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mnist-lab-simd-'));
  try {
    for (const key of ['unshared', 'shared', 'relaxedUnshared', 'relaxedShared']) writeFileSync(join(dir, `${key}.wasm`), built[key]!);
    const script = join(import.meta.dirname, 'gemm-check.mjs');
    return execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', script, dir, what], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('workers/engine/wasm/simd binaries', () => {
  it('kernels*.wasm and binaries.ts match kernels.wat and the .wat files it includes', async () => {
    const built = (await assemble()) as Record<string, Uint8Array | string>;
    for (const [key, file] of Object.entries(OUTPUTS as Record<string, string>)) {
      const committed = readFileSync(join(import.meta.dirname, file));
      expect(Buffer.from(built[key]!).equals(committed), `${file} is stale: run node workers/engine/wasm/simd/build.mjs`).toBe(true);
    }
  });
  it('every binary validates and exports every kernel', async () => {
    const built = (await assemble()) as Record<string, Uint8Array>;
    // Node 20 compiles relaxed SIMD only behind a flag (Chromium by default): a child process has it
    const exports = JSON.parse(runWithRelaxedSimd(built, 'exports')) as Record<string, string[]>;
    for (const key of ['unshared', 'shared', 'relaxedUnshared', 'relaxedShared']) {
      expect(exports[key]).toEqual(
        ['adam', 'col2im', 'column_sum', 'conv_filter_grad_1ch', 'gemm_pack', 'gemm_packed', 'im2col', 'im2col_panels', 'max_pool_2x2', 'max_pool_grad_2x2', 'momentum', 'relu_grad', 'rmsprop', 'sgd', 'sparse_gemm', 'sparse_rows'].sort(),
      );
    }
  });
  it('every binary\'s GEMM equals a float64 product (partial tiles, transposes, bias, ReLU)', async () => {
    const built = (await assemble()) as Record<string, Uint8Array>;
    const errors = JSON.parse(runWithRelaxedSimd(built, 'gemm')) as Record<string, number>;
    expect(Object.keys(errors).sort()).toEqual(['relaxedShared', 'relaxedUnshared', 'shared', 'unshared']);
    for (const [key, error] of Object.entries(errors)) expect(error, key).toBeLessThan(1e-5);
  });
  it('every binary\'s sparse product equals a float64 product and, bit for bit, its dense GEMM', async () => {
    const built = (await assemble()) as Record<string, Uint8Array>;
    const checks = JSON.parse(runWithRelaxedSimd(built, 'sparse')) as Record<string, { error: number; identical: boolean }>;
    expect(Object.keys(checks).sort()).toEqual(['relaxedShared', 'relaxedUnshared', 'shared', 'unshared']);
    for (const [key, { error, identical }] of Object.entries(checks)) {
      expect(error, key).toBeLessThan(1e-5);
      expect(identical, `${key}: the same C as gemm_packed`).toBe(true);
    }
  });
  it('Node runs WebAssembly SIMD, so the engine installs the SIMD kernels here', () => {
    expect(simdSupported()).toBe(true);
  });
});
