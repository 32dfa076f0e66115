/**
 * onnx-proto is CommonJS (`module.exports = { onnx }`). Bundlers expose `onnx` as a named export,
 * Node's ESM loader only as `default.onnx`; this accepts both.
 */
import * as onnxProtoModule from 'onnx-proto';

type OnnxNamespace = typeof onnxProtoModule.onnx;
const loose = onnxProtoModule as unknown as { onnx?: OnnxNamespace; default?: { onnx?: OnnxNamespace } };
const resolved = loose.onnx ?? loose.default?.onnx;
if (!resolved) throw new Error('onnx-proto did not expose the onnx namespace');

export const onnx: OnnxNamespace = resolved;
