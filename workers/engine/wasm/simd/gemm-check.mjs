#!/usr/bin/env node
/**
 * For binaries.test.ts, run as `node --experimental-wasm-relaxed-simd gemm-check.mjs DIR exports|gemm`
 * (Node 20 compiles relaxed SIMD only behind that flag). DIR holds the four built binaries.
 *   exports: prints { variant: sorted export names }
 *   gemm:    prints { variant: largest relative error } of gemm_pack + gemm_packed against a
 *            float64 product, over odd shapes (partial 4×8 tiles), every transpose, bias and ReLU,
 *            K in two chunks (the second accumulating into C).
 *   sparse:  prints { variant: { error, identical } } of sparse_rows + sparse_gemm (A 70 % zeros,
 *            row-major and transposed, bias and ReLU, N with every column tail) against a float64
 *            product, and whether C is bit for bit the dense gemm_packed's (same build, one chunk).
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

function sparseCheck(k, memory) {
  let worst = 0;
  let identical = true;
  for (const [M, N, K] of [[13, 70, 37], [5, 37, 300], [1, 32, 64], [9, 5, 100]]) {
    for (const tA of [false, true]) {
      for (const [withBias, relu] of [[false, false], [true, true]]) {
        const f = new Float32Array(memory.buffer);
        const A = values(M * K, 5 + M).map((v) => (v < 0.4 ? 0 : v)); // ~70 % exact zeros
        const B = values(K * N, 6 + N);
        const bias = values(N, 7);
        // layout (floats): A | B | bias (padded) | idx | vals | starts | C sparse | packed B | tile | C dense
        const a0 = 0, b0 = M * K, bias0 = b0 + K * N, idx = bias0 + Math.ceil(N / 8) * 8, vals = idx + M * K, starts = vals + M * K;
        const cs = starts + M + 1, bp = cs + M * N, tile = bp + Math.ceil(N / 8) * 8 * K, cd = tile + 32;
        f.set(A, a0); f.set(B, b0); f.fill(0, bias0, idx); f.set(bias, bias0);
        const stored = tA ? Float32Array.from({ length: M * K }, (_, i) => A[(i % M) * K + Math.floor(i / M)]) : A;
        f.set(stored, a0);
        const [aRow, aK] = tA ? [4, M * 4] : [K * 4, 4];
        const nnz = k.sparse_rows(a0 * 4, aRow, aK, M, K, M * K, idx * 4, vals * 4, starts * 4);
        if (nnz !== A.filter((v) => v !== 0).length) identical = false;
        k.sparse_gemm(idx * 4, vals * 4, starts * 4, b0 * 4, N * 4, cs * 4, N * 4, withBias ? bias0 * 4 : 0, N, 0, M, relu ? 1 : 0);
        k.gemm_pack(b0 * 4, bp * 4, N, K, 8, 1, N);
        k.gemm_packed(a0 * 4, tA ? 16 : K * 16, aRow, aK, bp * 4, cd * 4, withBias ? bias0 * 4 : 0, M, N, K, N, 0, Math.ceil(M / 4), 0, Math.ceil(N / 8), relu ? 1 : 0, tile * 4, M > N ? 1 : 0, 0);
        for (let i = 0; i < M; i++) {
          for (let j = 0; j < N; j++) {
            let sum = withBias ? bias[j] : 0;
            let scale = Math.abs(sum);
            for (let kk = 0; kk < K; kk++) {
              sum += A[i * K + kk] * B[kk * N + j];
              scale += Math.abs(A[i * K + kk] * B[kk * N + j]);
            }
            if (relu) sum = Math.max(0, sum);
            worst = Math.max(worst, Math.abs(f[cs + i * N + j] - sum) / Math.max(scale, 1e-6));
            if (!Object.is(f[cs + i * N + j], f[cd + i * N + j])) identical = false;
          }
        }
      }
    }
  }
  return { error: worst, identical };
}

const CHECKS = { gemm: gemmError, sparse: sparseCheck };
const result = {};
for (const variant of VARIANTS) {
  const { module, memory, exports } = instantiate(variant);
  result[variant] = what === 'exports' ? WebAssembly.Module.exports(module).map((e) => e.name).sort() : CHECKS[what](exports, memory);
}
process.stdout.write(JSON.stringify(result));
