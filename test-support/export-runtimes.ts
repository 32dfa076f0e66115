/**
 * Runs an export in its own runtime, for the export tests: onnxruntime-web for ONNX, Debian's
 * Python for the independent NumPy pass (npz_forward.py), the shipped predict_numpy.py and the
 * h5py check of the Keras files (keras_h5_check.py). Inputs are preprocessed float32 images.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';

export const PYTHON_DIR = fileURLToPath(new URL('./python/', import.meta.url));

/** python3 on PATH may lack h5py (pyenv); Debian's /usr/bin/python3 has numpy + h5py. */
export function findPython(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import numpy, h5py'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('no python3 with numpy and h5py found');
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

export function readF32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Reads a little-endian float32 .npy written by np.save. */
export function readNpyF32(path: string): Float32Array {
  const b = new Uint8Array(readFileSync(path));
  const headerLen = new DataView(b.buffer, b.byteOffset).getUint16(8, true);
  const header = new TextDecoder().decode(b.subarray(10, 10 + headerLen));
  if (!header.includes("'descr': '<f4'")) throw new Error(`not a float32 .npy: ${header}`);
  return new Float32Array(b.slice(10 + headerLen).buffer);
}

/** onnxruntime-web (wasm, one thread) on `input` shaped [count, ...inputShape]. */
export async function runOnnx(modelBytes: Uint8Array, input: Float32Array, shape: number[]): Promise<{ dims: readonly number[]; data: Float32Array }> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(modelBytes);
  const { probabilities } = await session.run({ input: new ort.Tensor('float32', input, shape) });
  await session.release();
  return { dims: probabilities!.dims, data: probabilities!.data as Float32Array };
}

/** The independent reference pass over model.npz + spec.json: its predictions and the npz keys it saw. */
export function runNpzReference(python: string, npzDir: string, inputPath: string, shape: number[], out: string) {
  const keys = JSON.parse(
    execFileSync(python, [join(PYTHON_DIR, 'npz_forward.py'), join(npzDir, 'model.npz'), join(npzDir, 'spec.json'), inputPath, shape.join(','), out], { encoding: 'utf8' }),
  ) as Record<string, { dtype: string; shape: number[] }>;
  return { keys, predictions: readF32(out) };
}

/** The exported predict_numpy.py on uint8 pixels (.npy): the digits it printed and its probabilities. */
export function runPredictNumpy(python: string, npzDir: string, pixelsNpy: string, out: string) {
  const printed = execFileSync(python, [join(npzDir, 'predict_numpy.py'), pixelsNpy, out], { encoding: 'utf8' });
  return { digits: printed.trim().split(' ').map(Number), predictions: readNpyF32(out) };
}

export interface H5Listing {
  entries: { path: string; kind: 'group' | 'dataset'; shape?: number[]; dtype?: string }[];
  root_attrs: string[];
}

export interface KerasReport {
  weights_h5: H5Listing;
  keras_h5: H5Listing;
  zip_names: string[];
  zip_compress_types: number[];
  config: { module: string; class_name: string; registered_name: null; config: { layers: { class_name: string; config: Record<string, unknown> & { name: string } }[] }; build_config: unknown };
  metadata: { keras_version: string; date_saved: string };
  standalone_matches_archive: boolean;
}

/** keras_h5_check.py: the h5py listing of both weight files, config.json, and predictions rebuilt from them. */
export function runKerasCheck(python: string, kerasDir: string, inputPath: string, shape: number[], out: string) {
  const args = [join(PYTHON_DIR, 'keras_h5_check.py'), join(kerasDir, 'model.weights.h5'), join(kerasDir, 'model.keras'), inputPath, shape.join(','), out];
  const report = JSON.parse(execFileSync(python, args, { encoding: 'utf8' })) as KerasReport;
  return { report, predictions: readF32(out) };
}

/** Sorted [path, shape] pairs (groups without a shape), checking every dataset is float32. */
export function h5Paths(listing: H5Listing): [string, number[]?][] {
  return listing.entries
    .map((e): [string, number[]?] => {
      if (e.kind === 'dataset' && e.dtype !== '<f4') throw new Error(`${e.path} is ${e.dtype}, not float32`);
      return e.kind === 'dataset' ? [e.path, e.shape] : [e.path, undefined];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
