/**
 * Threads for our GEMM: helper workers that instantiate the same SIMD module on tfjs-backend-wasm's
 * shared heap and each compute a contiguous share of C's tiles.
 *
 * Only where tfjs runs its threaded binary (cross-origin isolated pages and workers: the app and the
 * web host), because only then is the heap a SharedArrayBuffer the helpers can see; elsewhere (Node:
 * the CLI, tests) every GEMM runs on the calling thread. The pool has threads − 1 helpers
 * (backend.ts: every core up to 4 by default); the calling thread computes the first share.
 * `startGemmThreads` (gemm.ts) waits for them at backend start; a GEMM never waits for a helper
 * that is not ready, and one that stops answering has its share done by the caller.
 *
 * Hand-off through one small shared Int32Array (`Control`): the caller writes the job, bumps the
 * generation and notifies; helpers spin briefly then `Atomics.wait` on it; each finished helper
 * decrements `pending` and the last one notifies the caller. XNNPACK's own pool works the same way.
 */

import type { SimdKernels } from './simd/kernels.ts';

/** Indices into the control block (Int32Array over a SharedArrayBuffer). */
const enum Control {
  Generation = 0,
  Pending = 1,
  /** helpers that have instantiated the module and wait for jobs */
  Ready = 2,
  /** participants in the current job: the caller + helpers 0 … Participants − 2 */
  Participants = 3,
  /** the job: one int per JOB_KEYS entry, in that order */
  Args = 8,
}

/** gemm_packed's arguments in Control.Args order; the split dimension's range is per participant. */
export interface GemmJob {
  a: number;
  /** bytes from one block of 4 rows of A to the next */
  aBlock: number;
  aRow: number;
  aK: number;
  bp: number;
  c: number;
  bias: number;
  M: number;
  N: number;
  K: number;
  /** K is computed in chunks of this length (packed B holds them one after another) */
  chunk: number;
  ldc: number;
  /** row blocks (4 rows) and B panels (8 columns) in all */
  rowBlocks: number;
  panels: number;
  relu: number;
  /** P × 128 bytes: one partial-tile buffer per participant */
  scratch: number;
  aOuter: number;
}
const JOB_KEYS = ['a', 'aBlock', 'aRow', 'aK', 'bp', 'c', 'bias', 'M', 'N', 'K', 'chunk', 'ldc', 'rowBlocks', 'panels', 'relu', 'scratch', 'aOuter'] as const;
const CONTROL_INTS = Control.Args + JOB_KEYS.length;
export const TILE_SCRATCH_BYTES = 128;

/** our kernel's entry point (simd/gemm.wat), the same in every thread */
export type GemmPacked = SimdKernels['gemm_packed'];

/**
 * Participant `p` of `P`: its range of the outer dimension (row blocks when aOuter, else B panels),
 * over every chunk of K in turn — C = A·B (+ bias) on the first chunk, C += on the others, ReLU on
 * the last.
 */
export function runShare(gemm: GemmPacked, job: GemmJob, p: number, P: number): void {
  const outer = job.aOuter === 1 ? job.rowBlocks : job.panels;
  const begin = Math.floor((outer * p) / P);
  const end = Math.floor((outer * (p + 1)) / P);
  if (begin >= end) return;
  const [ip0, ip1, jp0, jp1] = job.aOuter === 1 ? [begin, end, 0, job.panels] : [0, job.rowBlocks, begin, end];
  const { a, aBlock, aRow, aK, bp, c, bias, M, N, K, chunk, ldc, panels, relu, scratch, aOuter } = job;
  const tile = scratch + p * 128; // TILE_SCRATCH_BYTES
  for (let k0 = 0; k0 < K; k0 += chunk) {
    const kc = Math.min(chunk, K - k0);
    const first = k0 === 0 ? 1 : 0;
    const last = k0 + kc === K ? 1 : 0;
    // packed B chunk at k0·panels·8 floats; A's columns from k0
    gemm(a + k0 * aK, aBlock, aRow, aK, bp + k0 * panels * 32, c, first * bias, M, N, kc, ldc, ip0, ip1, jp0, jp1, last * relu, tile, aOuter, 1 - first);
  }
}

/**
 * The helper's whole program, run from a Blob URL as source text with `runShare` (no bundler
 * involved, no eval: both functions use only their parameters and literals).
 */
function helperMain(share: typeof runShare): void {
  // structural types: this file also compiles against Node's declarations (no DOM, no WebAssembly)
  const scope = globalThis as unknown as {
    onmessage: ((event: { data: HelperStart }) => void) | null;
    WebAssembly: { Instance: new (module: unknown, imports: object) => { exports: { gemm_packed: GemmPacked } } };
  };
  scope.onmessage = (event) => {
    const { module, memory, control, index, keys } = event.data;
    let gemm: GemmPacked;
    try {
      gemm = new scope.WebAssembly.Instance(module, { env: { memory } }).exports.gemm_packed;
    } catch (error) {
      (globalThis as unknown as { postMessage(m: unknown): void }).postMessage({ error: String(error) });
      return;
    }
    const ctl = new Int32Array(control);
    Atomics.add(ctl, 2, 1);
    let seen = Atomics.load(ctl, 0);
    for (;;) {
      // spin ~20 µs for the next job (steps come back to back), then sleep
      for (let i = 0; i < 20000 && Atomics.load(ctl, 0) === seen; i++);
      if (Atomics.load(ctl, 0) === seen) Atomics.wait(ctl, 0, seen);
      seen = Atomics.load(ctl, 0);
      const P = Atomics.load(ctl, 3);
      if (index + 1 >= P) continue;
      const job = Object.fromEntries(keys.map((key, i) => [key, Atomics.load(ctl, 8 + i)])) as unknown as GemmJob;
      share(gemm, job, index + 1, P);
      if (Atomics.sub(ctl, 1, 1) === 1) Atomics.notify(ctl, 1);
    }
  };
}

/** The message that starts a helper. */
interface HelperStart {
  /** the compiled kernels module (shared-memory build) and tfjs' heap */
  module: unknown;
  memory: unknown;
  control: SharedArrayBuffer;
  index: number;
  keys: readonly string[];
}

type WorkerLike = { postMessage(message: HelperStart): void; onerror: (() => void) | null; onmessage: (() => void) | null };
type WorkerConstructor = new (url: string, options: { name: string }) => WorkerLike;

/** Whether this thread can start helpers (a browser or worker global with Worker and Blob URLs). */
export function canStartHelpers(): boolean {
  return typeof (globalThis as { Worker?: unknown }).Worker === 'function' && typeof URL.createObjectURL === 'function';
}

export interface GemmPool {
  /** runs the job on the calling thread and every ready helper; returns when C is complete */
  run(gemm: GemmPacked, job: GemmJob): void;
  /** participants a job would have now (1 until helpers are ready) */
  participants(): number;
  /** a helper reported an error or stopped answering: the pool runs everything on the caller */
  failed(): boolean;
  /** how many participants `scratch` must have room for */
  readonly maxParticipants: number;
}

/** A share takes milliseconds; a helper this late is taken to be gone. */
const HELPER_TIMEOUT_MS = 2000;

/** Jobs below this many multiply-adds run on the caller alone (a hand-off costs ~10–30 µs). */
const MIN_THREADED_MACS = 1 << 20;

export function createGemmPool(module: unknown, memory: unknown, helpers: number): GemmPool {
  const WorkerClass = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;
  let failed = false;
  const control = new SharedArrayBuffer(CONTROL_INTS * 4);
  const ctl = new Int32Array(control);
  const source = `(${helperMain.toString()})(${runShare.toString()});`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  for (let index = 0; index < helpers; index++) {
    const worker = new WorkerClass(url, { name: `mnist-lab-gemm-${index + 1}` });
    // a helper that cannot start (no shared memory, a failed instantiation) never becomes ready
    worker.onerror = worker.onmessage = () => {
      failed = true;
    };
    worker.postMessage({ module, memory, control, index, keys: JOB_KEYS });
  }
  const participants = (): number => (failed ? 1 : 1 + Math.min(Atomics.load(ctl, Control.Ready), helpers));
  return {
    maxParticipants: helpers + 1,
    failed: () => failed,
    participants,
    run(gemm, job) {
      const P = job.M * job.N * job.K < MIN_THREADED_MACS ? 1 : participants();
      if (P === 1) {
        runShare(gemm, job, 0, 1);
        return;
      }
      JOB_KEYS.forEach((key, i) => Atomics.store(ctl, Control.Args + i, job[key]));
      Atomics.store(ctl, Control.Participants, P);
      Atomics.store(ctl, Control.Pending, P - 1);
      Atomics.add(ctl, Control.Generation, 1);
      Atomics.notify(ctl, Control.Generation);
      runShare(gemm, job, 0, P);
      const deadline = Date.now() + HELPER_TIMEOUT_MS;
      for (let pending = Atomics.load(ctl, Control.Pending); pending !== 0; pending = Atomics.load(ctl, Control.Pending)) {
        if (Date.now() > deadline) {
          // a helper that stopped answering (its worker killed, say): its shares are computed here
          // (every share is written whole, so a late helper writes the same values) and the pool
          // is not used again
          failed = true;
          for (let p = 1; p < P; p++) runShare(gemm, job, p, P);
          return;
        }
        Atomics.wait(ctl, Control.Pending, pending, 1);
      }
    },
  };
}
