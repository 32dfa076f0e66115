/**
 * Our WebAssembly SIMD kernels (kernels.wat), instantiated on tfjs-backend-wasm's own memory so
 * they read and write tensors in place: arguments are heap byte offsets (`offsetOf`).
 * One instance per backend memory (the non-threaded binaries export their memory, the threaded
 * one creates a shared memory and keeps it on the module as `wasmMemory`).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs';
import { KERNELS_SHARED_WASM, KERNELS_WASM } from './binaries.ts';

type Ptr = number;

export interface SimdKernels {
  relu_grad(dy: Ptr, x: Ptr, out: Ptr, n: number): void;
  column_sum(x: Ptr, out: Ptr, rows: number, cols: number): void;
  max_pool_grad_2x2(x: Ptr, dy: Ptr, dx: Ptr, n: number, h: number, w: number, c: number, oh: number, ow: number): void;
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
}

/** A WebAssembly.Memory, typed structurally: Node's type declarations lack WebAssembly.Memory. */
type HeapMemory = { readonly buffer: ArrayBuffer | SharedArrayBuffer };

interface EmscriptenModule {
  wasmMemory?: HeapMemory;
  asm?: { memory?: HeapMemory };
}

const instances = new WeakMap<HeapMemory, SimdKernels>();

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

/** Whether this engine runs WebAssembly SIMD (every current browser, Electron and Node do; old ones fall back to stock kernels). */
export function simdSupported(): boolean {
  supported ??= wasmApi != null && wasmApi.validate(bytes(KERNELS_WASM));
  return supported;
}

/** The kernels bound to this backend's heap (compiled once per memory; synchronous: workers and Node only). */
export function simdKernels(backend: BackendWasm): SimdKernels {
  const memory = memoryOf(backend);
  let kernels = instances.get(memory);
  if (kernels == null) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    if (wasmApi == null) throw new Error('WebAssembly is not available');
    const module = new wasmApi.Module(bytes(shared ? KERNELS_SHARED_WASM : KERNELS_WASM));
    kernels = new wasmApi.Instance(module, { env: { memory } }).exports as unknown as SimdKernels;
    instances.set(memory, kernels);
  }
  return kernels;
}

/** Byte offset of a tensor's data on the wasm heap. */
export function offsetOf(backend: BackendWasm, t: TensorInfo): Ptr {
  return (backend.dataIdMap.get(t.dataId) as { memoryOffset: number }).memoryOffset;
}
