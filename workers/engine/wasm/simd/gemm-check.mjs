#!/usr/bin/env node
/**
 * For binaries.test.ts, run as `node --experimental-wasm-relaxed-simd gemm-check.mjs DIR exports|gemm`
 * (Node 20 compiles relaxed SIMD only behind that flag). DIR holds the four built binaries.
 *   exports: prints { variant: sorted export names }
 *   gemm:    prints { variant: largest relative error } of gemm_pack + gemm_packed against a
 *            float64 product, over odd shapes (partial 4×8 tiles), every transpose, bias and ReLU,
 *            K in two chunks (the second accumulating into C).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, what] = process.argv.slice(2);
const VARIANTS = ['unshared', 'shared', 'relaxedUnshared', 'relaxedShared'];

function instantiate(variant) {
  const shared = variant === 'shared' || variant === 'relaxedShared';
  const memory = shared ? new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true }) : new WebAssembly.Memory({ initial: 64 });
  const module = new WebAssembly.Module(readFileSync(join(dir, `${variant}.wasm`)));
  return { module, memory, exports: new WebAssembly.Instance(module, { env: { memory } }).exports };
}

/** deterministic values in [-1, 1) */
function values(n, seed) {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

function gemmError(k, memory) {
  let worst = 0;
  for (const [M, N, K] of [[13, 19, 37], [4, 8, 1], [1, 5, 300], [32, 16, 64], [9, 32, 700]]) {
    for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]]) {
      for (const [withBias, relu] of [[false, false], [true, true]]) {
        const f = new Float32Array(memory.buffer);
        const A = values(M * K, 1 + M);
        const B = values(K * N, 2 + N);
        const bias = values(N, 3);
        // layout (floats): A | B | bias | packed B | packed bias | tile | C
        const a0 = 0, b0 = a0 + M * K, bias0 = b0 + K * N;
        const bp = bias0 + N, pb = bp + Math.ceil(N / 8) * 8 * K;
        const tile = pb + Math.ceil(N / 8) * 8, c0 = tile + 32;
        f.set(A, a0); f.set(B, b0); f.set(bias, bias0);
        const at = (i, kk) => (tA ? A[kk * M + i] : A[i * K + kk]);
        const bt = (kk, j) => (tB ? B[j * K + kk] : B[kk * N + j]);
        if (withBias) k.gemm_pack(bias0 * 4, pb * 4, N, 1, 8, 1, N);
        // in two chunks of K when it has two (the second accumulates into C), else in one
        const split = K > 1 ? Math.floor(K / 2) : K;
        for (const [k0, kc] of split < K ? [[0, split], [split, K - split]] : [[0, K]]) {
          const bChunk = b0 + k0 * (tB ? 1 : N);
          k.gemm_pack(bChunk * 4, bp * 4, N, kc, 8, tB ? K : 1, tB ? 1 : N);
          const aChunk = a0 + k0 * (tA ? M : 1);
          const last = k0 + kc === K;
          k.gemm_packed(aChunk * 4, tA ? 16 : K * 16, tA ? 4 : K * 4, tA ? M * 4 : 4, bp * 4, c0 * 4, withBias && k0 === 0 ? pb * 4 : 0, M, N, kc, N, 0, Math.ceil(M / 4), 0, Math.ceil(N / 8), relu && last ? 1 : 0, tile * 4, M > N ? 1 : 0, k0 === 0 ? 0 : 1);
        }
        for (let i = 0; i < M; i++) {
          for (let j = 0; j < N; j++) {
            let sum = withBias ? bias[j] : 0;
            let scale = Math.abs(sum);
            for (let kk = 0; kk < K; kk++) {
              sum += at(i, kk) * bt(kk, j);
              scale += Math.abs(at(i, kk) * bt(kk, j));
            }
            if (relu) sum = Math.max(0, sum);
            worst = Math.max(worst, Math.abs(f[c0 + i * N + j] - sum) / Math.max(scale, 1e-6));
          }
        }
      }
    }
  }
  return worst;
}

const result = {};
for (const variant of VARIANTS) {
  const { module, memory, exports } = instantiate(variant);
  result[variant] = what === 'exports' ? WebAssembly.Module.exports(module).map((e) => e.name).sort() : gemmError(exports, memory);
}
process.stdout.write(JSON.stringify(result));
