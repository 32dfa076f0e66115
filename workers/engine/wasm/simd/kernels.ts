/**
 * Our WebAssembly SIMD kernels (kernels.wat), instantiated on tfjs-backend-wasm's own memory so
 * they read and write tensors in place: arguments are heap byte offsets (`offsetOf`).
 * One instance per backend memory (the non-threaded binaries export their memory, the threaded
 * one creates a shared memory and keeps it on the module as `wasmMemory`).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs';
import { KERNELS_RELAXED_SHARED_WASM, KERNELS_RELAXED_WASM, KERNELS_SHARED_WASM, KERNELS_WASM } from './binaries.ts';

type Ptr = number;

export interface SimdKernels {
  relu_grad(dy: Ptr, x: Ptr, out: Ptr, n: number): void;
  column_sum(x: Ptr, out: Ptr, rows: number, cols: number): void;
  max_pool_grad_2x2(x: Ptr, dy: Ptr, dx: Ptr, n: number, h: number, w: number, c: number, oh: number, ow: number): void;
  max_pool_2x2(x: Ptr, y: Ptr, n: number, h: number, w: number, c: number, oh: number, ow: number): void;
  rmsprop(v: Ptr, g: Ptr, ms: Ptr, mom: Ptr, out: Ptr, n: number, decay: number, oneMinusDecay: number, lr: number, eps: number, momentum: number): void;
  adam(
    v: Ptr,
    g: Ptr,
    m: Ptr,
    s: Ptr,
    out: Ptr,
    n: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    bias1: number,
    bias2: number,
    negLr: number,
    eps: number,
  ): void;
  momentum(v: Ptr, g: Ptr, acc: Ptr, out: Ptr, n: number, m: number, c: number, nesterov: number): void;
  sgd(v: Ptr, g: Ptr, out: Ptr, n: number, c: number): void;
  /** convolution patches (im2col.wat); geometry N H W CI OH OW KH KW sh sw pt pl */
  im2col(x: Ptr, patches: Ptr, ...geometry: number[]): void;
  /** patchesᵀ as GEMM A panels [KH·KW·CI / 4][P][4] (CI a multiple of 4; geometry, then P = the whole batch's N·OH·OW) */
  im2col_panels(x: Ptr, panels: Ptr, ...geometryAndP: number[]): void;
  /** a one-channel layer's dW [KH, KW, 1, CO] straight from x and dy (valid windows, CO a multiple of 4) */
  conv_filter_grad_1ch(x: Ptr, dy: Ptr, dw: Ptr, N: number, H: number, W: number, OH: number, OW: number, KH: number, KW: number, sh: number, sw: number, CO: number): void;
  /** dx += the patches' gradients, scattered back (dx zeroed by the caller) */
  col2im(cols: Ptr, dx: Ptr, ...geometry: number[]): void;
  /** panels of `width` (8: B, its bias) from a strided matrix; strides in elements (gemm.wat) */
  gemm_pack(src: Ptr, dst: Ptr, outer: number, K: number, width: 8, sOuter: number, sK: number): void;
  /** A's non-zeros row by row (sparse.wat; A's byte strides aRow, aK): their count, or −1 past `limit` */
  sparse_rows(a: Ptr, aRow: number, aK: number, M: number, K: number, limit: number, idx: Ptr, vals: Ptr, starts: Ptr): number;
  /** C's rows [i0, i1) = A (its non-zeros) · B (row stride ldb bytes) (+ bias, ReLU); C's row stride ldc bytes */
  sparse_gemm(idx: Ptr, vals: Ptr, starts: Ptr, b: Ptr, ldb: number, c: Ptr, ldc: number, bias: Ptr, N: number, i0: number, i1: number, relu: number): void;
  /** C = A (byte strides aBlock per 4 rows, aRow, aK) · packed B (+ packed bias, ReLU) over row blocks [ip0, ip1) × B panels [jp0, jp1) */
  gemm_packed(
    a: Ptr,
    aBlock: number,
    aRow: number,
    aK: number,
    bp: Ptr,
    c: Ptr,
    bias: Ptr,
    M: number,
    N: number,
    K: number,
    ldc: number,
    ip0: number,
    ip1: number,
    jp0: number,
    jp1: number,
    relu: number,
    scratch: Ptr,
    aOuter: number,
    accumulate: number,
  ): void;
}

/** A WebAssembly.Memory, typed structurally: Node's type declarations lack WebAssembly.Memory. */
type HeapMemory = { readonly buffer: ArrayBuffer | SharedArrayBuffer };

interface EmscriptenModule {
  wasmMemory?: HeapMemory;
  asm?: { memory?: HeapMemory };
}

/** A compiled kernels module instantiated on one backend heap. */
export interface SimdInstance {
  kernels: SimdKernels;
  /** the compiled module, to instantiate on the same (shared) heap in helper threads */
  module: object;
  memory: HeapMemory;
  shared: boolean;
}

const instances = new WeakMap<HeapMemory, SimdInstance>();

function bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function memoryOf(backend: BackendWasm): HeapMemory {
  const module = backend.wasm as unknown as EmscriptenModule;
  const memory = module.wasmMemory ?? module.asm?.memory;
  if (memory == null) throw new Error('tfjs-backend-wasm: its WebAssembly memory is not reachable');
  return memory;
}

/** The WebAssembly JS API, typed structurally (this file is also compiled with Node's type declarations, which lack it). */
interface WasmApi {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let supported: boolean | null = null;
let relaxed: boolean | null = null;

/** Whether this engine runs WebAssembly SIMD (every current browser, Electron and Node do; old ones fall back to stock kernels). */
export function simdSupported(): boolean {
  supported ??= wasmApi != null && wasmApi.validate(bytes(KERNELS_WASM));
  return supported;
}

/**
 * Whether this engine runs relaxed SIMD (Chromium ≥ 114, so the app and the web host; Node 20 only
 * behind a flag, so the CLI runs the baseline build): the GEMM then uses fused multiply-adds.
 */
export function relaxedSimdSupported(): boolean {
  relaxed ??= wasmApi != null && wasmApi.validate(bytes(KERNELS_RELAXED_WASM));
  return relaxed;
}

/** The binary for this memory and engine. */
function binaryFor(shared: boolean): string {
  if (relaxedSimdSupported()) return shared ? KERNELS_RELAXED_SHARED_WASM : KERNELS_RELAXED_WASM;
  return shared ? KERNELS_SHARED_WASM : KERNELS_WASM;
}

/** The kernels bound to this backend's heap (compiled once per memory; synchronous: workers and Node only). */
export function simdKernels(backend: BackendWasm): SimdKernels {
  return simdInstance(backend).kernels;
}

export function simdInstance(backend: BackendWasm): SimdInstance {
  const memory = memoryOf(backend);
  let instance = instances.get(memory);
  if (instance == null) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    if (wasmApi == null) throw new Error('WebAssembly is not available');
    const module = new wasmApi.Module(bytes(binaryFor(shared)));
    const kernels = new wasmApi.Instance(module, { env: { memory } }).exports as unknown as SimdKernels;
    instance = { kernels, module, memory, shared };
    instances.set(memory, instance);
  }
  return instance;
}

/** Byte offset of a tensor's data on the wasm heap. */
export function offsetOf(backend: BackendWasm, t: TensorInfo): Ptr {
  return (backend.dataIdMap.get(t.dataId) as { memoryOffset: number }).memoryOffset;
}
