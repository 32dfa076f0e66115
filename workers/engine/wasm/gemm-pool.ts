/**
 * Threads for our GEMM: helper workers that instantiate the same SIMD module on tfjs-backend-wasm's
 * shared heap and take part in every large product.
 *
 * Only where tfjs runs its threaded binary (cross-origin isolated pages and workers: the app and the
 * web host), because only then is the heap a SharedArrayBuffer the helpers can see; elsewhere (Node:
 * the CLI, tests) every GEMM runs on the calling thread through the same `runShare`. The pool has
 * threads − 1 helpers (backend.ts: every core up to 4 by default). `startGemmThreads` (gemm.ts)
 * waits for them at backend start.
 *
 * Work is claimed, not assigned: C's outer dimension (row blocks of 4 when A is tall, else B panels
 * of 8 columns) is cut into small ranges that every participant takes from a shared counter until
 * none is left, and B is packed inside the claims too. A sleeping helper takes ~0.1 ms to wake on
 * these machines (timed in Chromium across threads on the shared clock), a tenth of the default
 * recipe's largest product; with fixed halves the caller waited for it, now it just takes fewer
 * ranges, and the caller waits only for ranges being computed.
 *
 * The same threads also run the memory-bound kernels around the products (`SplitJob`: ReLU's
 * gradient, im2col / col2im, the 2×2 max-pool and its gradient, the optimizers' updates) over
 * claimed ranges of images or elements — each a pass over megabytes that one core used to make
 * alone (split.ts).
 *
 * Hand-off through one small shared buffer (`Control`, plus two 64-bit claim counters): the caller
 * writes the job under a sequence lock, bumps the generation and notifies; helpers spin briefly then
 * `Atomics.wait` on it. A claim counter holds the job's sequence number in its high half, so a
 * helper still holding an older job's arguments can never claim a newer job's work.
 */

import type { SimdKernels } from './simd/kernels.ts';

/**
 * Indices into the control block's Int32Array. Words written during a job (the counters) each have
 * a cache line of their own (16 ints), so a thread spinning on one does not slow the others' writes.
 */
const enum Control {
  /** bumped and notified for every job: what a sleeping helper waits on */
  Generation = 0,
  /** helpers that have instantiated the module and wait for jobs */
  Ready = 1,
  /** the job's sequence number: odd while the caller writes the job, even once it is complete */
  Sequence = 16,
  /** 0: a GemmJob follows, one int per JOB_KEYS entry; 1: a SplitJob (SPLIT_SCALARS, then its args and strides) */
  Kind = 17,
  Args = 18,
  /** outer units (row blocks, panels, rows, images or element blocks) done so far in the current job */
  Done = 64,
  /** B panels packed so far in the current job (tall A: every range needs all of B) */
  Packed = 80,
  /** the claim counters: a BigInt64Array over the same buffer from this int on */
  Claims = 96,
}
/** BigInt64Array indices from Control.Claims: next unit to claim, (sequence << 32) | unit */
const enum Claim {
  Compute = 0,
  Pack = 8,
}

/** gemm_packed's and gemm_pack's arguments, in Control.Args order. Pointers are byte offsets. */
export interface GemmJob {
  a: number;
  /** bytes from one block of 4 rows of A to the next */
  aBlock: number;
  aRow: number;
  aK: number;
  /** B as stored, with element strides of a column and of k */
  b: number;
  bOuter: number;
  bK: number;
  /** room for B's packed panels: [chunk][panel][k][8], zero-padded past N */
  bp: number;
  c: number;
  bias: number;
  M: number;
  N: number;
  K: number;
  /** K is computed in chunks of this length */
  chunk: number;
  ldc: number;
  /** row blocks (4 rows) and B panels (8 columns) in all */
  rowBlocks: number;
  panels: number;
  relu: number;
  /** participants × TILE_SCRATCH_BYTES: one partial-tile buffer each */
  scratch: number;
  /** 1: row blocks are the outer (claimed) dimension, B is packed whole first; 0: B panels are */
  aOuter: number;
  /** outer units per claim, and B panels per packing claim */
  grain: number;
  packGrain: number;
  /** 1: A is given by its non-zeros (sparse.wat: idx, vals, row starts) and C's rows are claimed; B is read in place */
  sparse: number;
  nzIdx: number;
  nzVals: number;
  nzStarts: number;
}
const JOB_KEYS = ['a', 'aBlock', 'aRow', 'aK', 'b', 'bOuter', 'bK', 'bp', 'c', 'bias', 'M', 'N', 'K', 'chunk', 'ldc', 'rowBlocks', 'panels', 'relu', 'scratch', 'aOuter', 'grain', 'packGrain', 'sparse', 'nzIdx', 'nzVals', 'nzStarts'] as const;
const CLAIMS_OFFSET = Control.Claims * 4;
const CONTROL_BYTES = CLAIMS_OFFSET + (Claim.Pack + 8) * 8;
export const TILE_SCRATCH_BYTES = 128;

/** our kernels' entry points (simd/gemm.wat), the same in every thread */
type ShareKernels = Pick<SimdKernels, 'gemm_packed' | 'gemm_pack' | 'sparse_gemm'>;

/** A job's shared state: the control ints and the claim counters. */
interface JobState {
  ctl: Int32Array;
  claims: BigInt64Array;
}

/**
 * Participant `p` of job `sequence`: packs and computes claimed ranges until none is left. Over
 * every chunk of K in turn: C = A·B (+ bias) on the first chunk, C += on the others, ReLU on the
 * last. Returns early (having changed nothing it did not claim) when the job is no longer current.
 *
 * Runs in helpers as source text (see `helperMain`), so it uses only its parameters and literals:
 * 64 = Control.Done, 80 = Control.Packed, 16 = Control.Sequence, claim index 0 = Compute, 8 = Pack.
 */
function runShare(kernels: ShareKernels, job: GemmJob, p: number, state: JobState, sequence: number, claimRange: ClaimRange): void {
  const { a, aBlock, aRow, aK, b, bOuter, bK, bp, c, bias, M, N, K, chunk, ldc, rowBlocks, panels, relu, scratch, aOuter, grain, packGrain, sparse } = job;
  const { ctl, claims } = state;
  const tag = BigInt(sequence) << 32n;
  const claim = (counter: number, size: number, total: number): number => claimRange(claims, tag, counter, size, total);
  /** packs chunk `k0` (length kc) of B's panels [j0, j1) */
  const pack = (j0: number, j1: number, k0: number, kc: number): void => kernels.gemm_pack(b + (j0 * 8 * bOuter + k0 * bK) * 4, bp + (k0 * panels + j0 * kc) * 32, Math.min(N, j1 * 8) - j0 * 8, kc, 8, bOuter, bK);
  const tile = scratch + p * 128;

  if (sparse === 1) {
    for (let i0 = claim(0, grain, M); i0 >= 0; i0 = claim(0, grain, M)) {
      const i1 = Math.min(i0 + grain, M);
      kernels.sparse_gemm(job.nzIdx, job.nzVals, job.nzStarts, b, bK * 4, c, ldc * 4, bias, N, i0, i1, relu);
      Atomics.add(ctl, 64, i1 - i0);
    }
    return;
  }
  if (aOuter === 1) {
    // every row block needs all of B: pack it together, then wait until it is whole
    for (let j0 = claim(8, packGrain, panels); j0 >= 0; j0 = claim(8, packGrain, panels)) {
      const j1 = Math.min(j0 + packGrain, panels);
      for (let k0 = 0; k0 < K; k0 += chunk) pack(j0, j1, k0, Math.min(chunk, K - k0));
      Atomics.add(ctl, 80, j1 - j0);
    }
    const giveUp = performance.now() + 2000;
    while (Atomics.load(ctl, 80) < panels) {
      if (Atomics.load(ctl, 16) !== sequence || performance.now() > giveUp) return;
    }
  }
  const outer = aOuter === 1 ? rowBlocks : panels;
  for (let u0 = claim(0, grain, outer); u0 >= 0; u0 = claim(0, grain, outer)) {
    const u1 = Math.min(u0 + grain, outer);
    const [ip0, ip1, jp0, jp1] = aOuter === 1 ? [u0, u1, 0, panels] : [0, rowBlocks, u0, u1];
    for (let k0 = 0; k0 < K; k0 += chunk) {
      const kc = Math.min(chunk, K - k0);
      const first = k0 === 0 ? 1 : 0;
      const last = k0 + kc === K ? 1 : 0;
      if (aOuter === 0) pack(u0, u1, k0, kc);
      // packed B chunk at k0·panels·8 floats; A's columns from k0
      kernels.gemm_packed(a + k0 * aK, aBlock, aRow, aK, bp + k0 * panels * 32, c, first * bias, M, N, kc, ldc, ip0, ip1, jp0, jp1, last * relu, tile, aOuter, 1 - first);
    }
    Atomics.add(ctl, 64, u1 - u0);
  }
}

/**
 * The first unit of a range of `size` claimed from counter `counter` of a job (`tag`: its sequence
 * number << 32), or −1 when all `total` are taken or the job has moved on. Source text in helpers.
 */
function claimRange(claims: BigInt64Array, tag: bigint, counter: number, size: number, total: number): number {
  for (;;) {
    const current = Atomics.load(claims, counter);
    const next = Number(current - tag);
    if (current < tag || next >= total) return -1;
    if (Atomics.compareExchange(claims, counter, current, current + BigInt(size)) === current) return next;
  }
}
type ClaimRange = typeof claimRange;

/** The kernels a SplitJob can run (an index into this list travels with the job). */
export const SPLIT_KERNELS = ['relu_grad', 'im2col', 'im2col_panels', 'col2im', 'max_pool_2x2', 'max_pool_grad_2x2', 'rmsprop', 'adam', 'momentum', 'sgd'] as const;
export type SplitKernel = (typeof SPLIT_KERNELS)[number];
/** at most this many arguments */
export const SPLIT_MAX_ARGS = 15;

/**
 * One kernel call cut into `units` independent ranges (images, or blocks of elements): a range
 * [u0, u1) is the call with every argument i moved by strides[i]·u0 (bytes: pointers; 0 for the
 * rest) and, when countArg ≥ 0, that argument set to the range's count, min(u1·perUnit, total) −
 * u0·perUnit. Arguments whose bit in floatMask is set are float32 bit patterns.
 */
export interface SplitJob {
  fn: number;
  units: number;
  grain: number;
  countArg: number;
  perUnit: number;
  total: number;
  floatMask: number;
  args: number[];
  strides: number[];
}
/** ints in Control.Args order: the 7 scalars, then SPLIT_MAX_ARGS args, then as many strides */
const SPLIT_SCALARS = ['fn', 'units', 'grain', 'countArg', 'perUnit', 'total', 'floatMask'] as const;

// the longest job must end before the counters
if (Control.Args + Math.max(JOB_KEYS.length, SPLIT_SCALARS.length + 2 * SPLIT_MAX_ARGS) > Control.Done) throw new Error('gemm-pool: a job overlaps Control.Done');

/** Participant of split job `sequence`: calls `kernel` on claimed ranges until none is left. Source text in helpers (64 = Control.Done). */
function runSplit(kernel: (...args: number[]) => void, job: SplitJob, state: JobState, sequence: number, claimRange: ClaimRange): void {
  const tag = BigInt(sequence) << 32n;
  const bits = new Int32Array(1);
  const float = new Float32Array(bits.buffer);
  for (let u0 = claimRange(state.claims, tag, 0, job.grain, job.units); u0 >= 0; u0 = claimRange(state.claims, tag, 0, job.grain, job.units)) {
    const u1 = Math.min(u0 + job.grain, job.units);
    const call = job.args.map((arg, i) => {
      if (((job.floatMask >> i) & 1) === 0) return arg + job.strides[i]! * u0;
      bits[0] = arg;
      return float[0]!;
    });
    if (job.countArg >= 0) call[job.countArg] = Math.min(u1 * job.perUnit, job.total) - u0 * job.perUnit;
    kernel(...call);
    Atomics.add(state.ctl, 64, u1 - u0);
  }
}

/**
 * The helper's whole program, run from a Blob URL as source text with `runShare`, `runSplit` and
 * `claimRange` (no bundler involved, no eval: they use only their parameters and literals).
 */
function helperMain(share: typeof runShare, split: typeof runSplit, claim: ClaimRange): void {
  // structural types: this file also compiles against Node's declarations (no DOM, no WebAssembly)
  const scope = globalThis as unknown as {
    onmessage: ((event: { data: HelperStart }) => void) | null;
    WebAssembly: { Instance: new (module: unknown, imports: object) => { exports: ShareKernels } };
  };
  scope.onmessage = (event) => {
    const { module, memory, control, claimsOffset, index, keys, splitKeys, splitKernels, maxArgs } = event.data;
    let kernels: ShareKernels & Record<string, (...args: number[]) => void>;
    try {
      kernels = new scope.WebAssembly.Instance(module, { env: { memory } }).exports as typeof kernels;
    } catch (error) {
      (globalThis as unknown as { postMessage(m: unknown): void }).postMessage({ error: String(error) });
      return;
    }
    const state = { ctl: new Int32Array(control, 0, claimsOffset / 4), claims: new BigInt64Array(control, claimsOffset) };
    const ctl = state.ctl;
    Atomics.add(ctl, 1, 1);
    let seen = Atomics.load(ctl, 0);
    for (;;) {
      // spin ~20 µs for the next job (steps come back to back), then sleep
      for (let i = 0; i < 20000 && Atomics.load(ctl, 0) === seen; i++);
      if (Atomics.load(ctl, 0) === seen) Atomics.wait(ctl, 0, seen);
      seen = Atomics.load(ctl, 0);
      // the job under its sequence lock: an odd number or a change while reading means the caller is writing
      const sequence = Atomics.load(ctl, 16);
      if (sequence % 2 === 1) continue;
      const read = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => Atomics.load(ctl, from + i));
      if (Atomics.load(ctl, 17) === 0) {
        const job = Object.fromEntries(keys.map((key, i) => [key, Atomics.load(ctl, 18 + i)])) as unknown as GemmJob;
        if (Atomics.load(ctl, 16) !== sequence) continue;
        share(kernels, job, index + 1, state, sequence, claim);
      } else {
        const scalars = Object.fromEntries(splitKeys.map((key, i) => [key, Atomics.load(ctl, 18 + i)])) as unknown as SplitJob;
        const job = { ...scalars, args: read(18 + splitKeys.length, maxArgs), strides: read(18 + splitKeys.length + maxArgs, maxArgs) };
        if (Atomics.load(ctl, 16) !== sequence) continue;
        split(kernels[splitKernels[job.fn]!]!, job, state, sequence, claim);
      }
    }
  };
}

/** The message that starts a helper. */
interface HelperStart {
  /** the compiled kernels module (shared-memory build) and tfjs' heap */
  module: unknown;
  memory: unknown;
  control: SharedArrayBuffer;
  claimsOffset: number;
  index: number;
  keys: readonly string[];
  splitKeys: readonly string[];
  splitKernels: readonly string[];
  maxArgs: number;
}

type WorkerLike = { postMessage(message: HelperStart): void; onerror: (() => void) | null; onmessage: (() => void) | null };
type WorkerConstructor = new (url: string, options: { name: string }) => WorkerLike;

/** Whether this thread can start helpers (a browser or worker global with Worker and Blob URLs). */
export function canStartHelpers(): boolean {
  return typeof (globalThis as { Worker?: unknown }).Worker === 'function' && typeof URL.createObjectURL === 'function';
}

/** What a job's participants claim: C's rows (sparse A), row blocks (tall A) or B panels. */
function outerUnits(job: Pick<GemmJob, 'sparse' | 'aOuter' | 'M' | 'rowBlocks' | 'panels'>): number {
  return job.sparse === 1 ? job.M : job.aOuter === 1 ? job.rowBlocks : job.panels;
}

/** Outer units per claim: enough claims that a helper arriving late still takes its part. */
const CLAIMS_PER_PARTICIPANT = 8;
const PACK_CLAIMS_PER_PARTICIPANT = 4;

/** The job's claim sizes for `participants` threads. */
function withGrains(job: Omit<GemmJob, 'grain' | 'packGrain'>, participants: number): GemmJob {
  const outer = outerUnits(job);
  return {
    ...job,
    grain: Math.max(1, Math.ceil(outer / (participants * CLAIMS_PER_PARTICIPANT))),
    packGrain: Math.max(1, Math.ceil(job.panels / (participants * PACK_CLAIMS_PER_PARTICIPANT))),
  };
}

/** One thread's job state (no helpers): the same claims, taken by the caller alone. */
const callerAlone: JobState = { ctl: new Int32Array(Control.Claims), claims: new BigInt64Array(Claim.Pack + 1) };

/** Runs the job on the calling thread alone. */
export function runAlone(kernels: ShareKernels, job: Omit<GemmJob, 'grain' | 'packGrain'>): void {
  const { ctl, claims } = callerAlone;
  ctl[Control.Done] = 0;
  ctl[Control.Packed] = 0;
  claims[Claim.Compute] = 0n;
  claims[Claim.Pack] = 0n;
  runShare(kernels, { ...job, grain: outerUnits(job), packGrain: job.panels }, 0, callerAlone, 0, claimRange);
}

export interface GemmPool {
  /** runs the job on the calling thread and every ready helper; returns when C is complete */
  run(kernels: ShareKernels, job: Omit<GemmJob, 'grain' | 'packGrain'>): void;
  /**
   * the same for a split kernel call (the caller has decided it is worth the threads); `alone` runs
   * it whole, `redo` runs it whole after a helper stopped mid-range
   */
  runSplit(kernel: (...args: number[]) => void, job: Omit<SplitJob, 'grain'>, alone: () => void, redo: () => void): void;
  /** participants a job would have now (1 until helpers are ready) */
  participants(): number;
  /** a helper reported an error or stopped answering: the pool runs everything on the caller */
  failed(): boolean;
  /** how many participants `scratch` must have room for */
  readonly maxParticipants: number;
}

/** A job takes milliseconds; a range unfinished this long means a helper is gone. */
const HELPER_TIMEOUT_MS = 2000;

/** Jobs below this many multiply-adds run on the caller alone (a hand-off costs ~10–30 µs). */
const MIN_THREADED_MACS = 1 << 20;

export function createGemmPool(module: unknown, memory: unknown, helpers: number): GemmPool {
  const WorkerClass = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;
  let failed = false;
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const state: JobState = { ctl: new Int32Array(control, 0, CLAIMS_OFFSET / 4), claims: new BigInt64Array(control, CLAIMS_OFFSET) };
  const { ctl, claims } = state;
  const source = `(${helperMain.toString()})(${runShare.toString()}, ${runSplit.toString()}, ${claimRange.toString()});`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  for (let index = 0; index < helpers; index++) {
    const worker = new WorkerClass(url, { name: `mnist-lab-gemm-${index + 1}` });
    // a helper that cannot start (no shared memory, a failed instantiation) never becomes ready
    worker.onerror = worker.onmessage = () => {
      failed = true;
    };
    worker.postMessage({ module, memory, control, claimsOffset: CLAIMS_OFFSET, index, keys: JOB_KEYS, splitKeys: SPLIT_SCALARS, splitKernels: SPLIT_KERNELS, maxArgs: SPLIT_MAX_ARGS });
  }
  const participants = (): number => (failed ? 1 : 1 + Math.min(Atomics.load(ctl, Control.Ready), helpers));
  let sequence = 0;
  /** publishes a job (its kind and ints) under the sequence lock and wakes the helpers; its sequence number */
  const post = (kind: number, ints: readonly number[]): number => {
    Atomics.store(ctl, Control.Sequence, sequence + 1);
    sequence += 2;
    Atomics.store(ctl, Control.Kind, kind);
    ints.forEach((value, i) => Atomics.store(ctl, Control.Args + i, value));
    Atomics.store(ctl, Control.Done, 0);
    Atomics.store(ctl, Control.Packed, 0);
    Atomics.store(claims, Claim.Compute, BigInt(sequence) << 32n);
    Atomics.store(claims, Claim.Pack, BigInt(sequence) << 32n);
    Atomics.store(ctl, Control.Sequence, sequence);
    Atomics.add(ctl, Control.Generation, 1);
    Atomics.notify(ctl, Control.Generation);
    return sequence;
  };
  /**
   * After the caller's own share: what is left is at most one claim per helper, being computed, so
   * spin (sleeping here would add a wake-up, ~0.1 ms, to every job). A helper that stopped
   * answering mid-range (its worker killed, say): the whole job runs again here (`redo`), and the
   * pool is not used again.
   */
  const finish = (units: number, redo: () => void): void => {
    const deadline = performance.now() + HELPER_TIMEOUT_MS;
    for (let spins = 0; Atomics.load(ctl, Control.Done) !== units; spins++) {
      if (spins % 4096 === 4095 && performance.now() > deadline) {
        failed = true;
        redo();
        return;
      }
    }
  };
  return {
    maxParticipants: helpers + 1,
    failed: () => failed,
    participants,
    run(kernels, partial) {
      // (a sparse A's multiply-adds are fewer, but its rows cost as much as they would dense: the
      // same threshold keeps small products on one thread)
      const P = partial.M * partial.N * partial.K < MIN_THREADED_MACS ? 1 : participants();
      if (P === 1) {
        runAlone(kernels, partial);
        return;
      }
      const job = withGrains(partial, P);
      const seq = post(0, JOB_KEYS.map((key) => job[key]));
      runShare(kernels, job, 0, state, seq, claimRange);
      finish(outerUnits(job), () => runAlone(kernels, partial));
    },
    runSplit(kernel, partial, alone, redo) {
      const P = participants();
      if (P === 1 || partial.units < 2) {
        alone();
        return;
      }
      const job: SplitJob = { ...partial, grain: Math.max(1, Math.ceil(partial.units / (P * CLAIMS_PER_PARTICIPANT))) };
      const padded = (list: number[]): number[] => Array.from({ length: SPLIT_MAX_ARGS }, (_, i) => list[i] ?? 0);
      const seq = post(1, [...SPLIT_SCALARS.map((key) => job[key]), ...padded(job.args), ...padded(job.strides)]);
      runSplit(kernel, job, state, seq, claimRange);
      finish(job.units, redo);
    },
  };
}
