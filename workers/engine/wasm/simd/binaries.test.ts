/** The committed SIMD binaries are exactly what kernels.wat assembles to (no stale or hand-patched .wasm). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without type declarations
import { assemble, OUTPUTS } from './build.mjs';
import { simdSupported } from './kernels.ts';

describe('workers/engine/wasm/simd binaries', () => {
  it('kernels.wasm, kernels-shared.wasm and binaries.ts match kernels.wat', async () => {
    const built = (await assemble()) as Record<string, Uint8Array | string>;
    for (const [key, file] of Object.entries(OUTPUTS as Record<string, string>)) {
      const committed = readFileSync(join(import.meta.dirname, file));
      expect(Buffer.from(built[key]!).equals(committed), `${file} is stale: run node workers/engine/wasm/simd/build.mjs`).toBe(true);
    }
  });
  it('both binaries validate and export every kernel', async () => {
    const built = (await assemble()) as { unshared: Uint8Array; shared: Uint8Array };
    for (const bytes of [built.unshared, built.shared]) {
      const module = new WebAssembly.Module(new Uint8Array(bytes));
      expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual(
        ['adam', 'column_sum', 'max_pool_grad_2x2', 'momentum', 'relu_grad', 'rmsprop', 'sgd'].sort(),
      );
    }
  });
  it('Node runs WebAssembly SIMD, so the engine installs the SIMD kernels here', () => {
    expect(simdSupported()).toBe(true);
  });
});
