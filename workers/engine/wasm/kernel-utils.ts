/**
 * Helpers shared by the wasm kernel overrides: calling stock wasm kernels from inside a kernel,
 * zero-cost reshapes and disposal of intermediates.
 *
 * Inside a kernelFunc we work on `TensorInfo`s (not `tf.Tensor`s): intermediates are created by
 * calling other kernels' `kernelFunc`s directly and must be released with `backend.disposeData`.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

export type WasmKernelArgs = { inputs: Record<string, TensorInfo | undefined>; backend: BackendWasm; attrs: NamedAttrMap };

/** The stock wasm kernels we replaced, by kernel name (filled by `register.ts`). */
export const stockKernels = new Map<string, KernelConfig>();

/** The kernelFunc to call for `name` on wasm: the stock one when we overrode it, else the registered one. */
export function stockKernelFunc(name: string): KernelFunc {
  const config = stockKernels.get(name) ?? tf.getKernel(name, 'wasm');
  if (config == null) throw new Error(`wasm kernel ${name} is not registered`);
  return config.kernelFunc;
}

/** Runs a (stock) wasm kernel on TensorInfos; the result must be disposed by the caller. */
export function run(name: string, backend: BackendWasm, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap = {}): TensorInfo {
  const out = stockKernelFunc(name)({ inputs, backend, attrs } as Parameters<KernelFunc>[0]);
  if (Array.isArray(out)) throw new Error(`wasm kernel ${name} returned several outputs`);
  return out;
}

/** A TensorInfo with another shape over the same data. Does NOT own the data: never dispose or return it. */
export function view(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

export function dispose(backend: BackendWasm, ...infos: (TensorInfo | null | undefined)[]): void {
  for (const t of infos) if (t != null) backend.disposeData(t.dataId);
}

export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return run(tf.Transpose, backend, { x }, { perm });
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * [B, R, C] → [B, C, R] with the stock wasm Transpose (XNNPACK's transpose: ~0.1 ms for a
 * 784×512 matrix; a blocked JS loop measured 5× slower there and no faster on skinny shapes).
 */
export function batchTranspose(backend: BackendWasm, x: TensorInfo, B: number, R: number, C: number): TensorInfo {
  return transpose(backend, view(x, [B, R, C]), [0, 2, 1]);
}

/** A wasm kernel config for `kernelFunc` (written against TensorInfos with the wasm backend). */
export function wasmKernel(kernelName: string, kernelFunc: (args: WasmKernelArgs) => TensorInfo | TensorInfo[]): KernelConfig {
  return { kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc };
}

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/** The convolution geometry of a Conv2D-family kernel call (NHWC only: NCHW throws). */
/** A pooling kernel's (or its gradient's) geometry from its attrs, for NHWC input of `xShape`. */
export function poolInfo(args: WasmKernelArgs, xShape: number[]): tf.backend_util.Conv2DInfo {
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as {
    filterSize: [number, number] | number;
    strides: [number, number] | number;
    pad: Pad;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  return tf.backend_util.computePool2DInfo(xShape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
}

export function convInfo(args: WasmKernelArgs, xShape: number[], filterShape: number[]): tf.backend_util.Conv2DInfo {
  const { strides, pad, dataFormat, dimRoundingMode } = args.attrs as {
    strides: [number, number] | number;
    pad: Pad;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC'),
  );
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`wasm Conv2D kernels here support dataFormat 'NHWC' only (got ${dataFormat})`);
  }
  return info;
}
