/** ONNX export (opset 13, IR version 7) of the graph from onnx-graph.ts, encoded with onnx-proto. */
import type { TrainedModel } from './trained-model.ts';
import type { OnnxAttribute, OnnxGraph, OnnxInitializer } from './onnx-graph.ts';
import { buildOnnxGraph, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-graph.ts';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { onnx } from './onnx-proto-module.ts';
import { preprocessingText, pythonShape } from './preprocessing.ts';
import type { ExportFile, ExportMeta } from './types.ts';
import { utf8 } from './zip.ts';

export const ONNX_OPSET = 13;
/** IR version 7 is the one that shipped with opset 13 (ONNX 1.8). */
export const ONNX_IR_VERSION = 7;

const { AttributeType } = onnx.AttributeProto;
const { DataType } = onnx.TensorProto;

function attribute(a: OnnxAttribute): OnnxTypes.IAttributeProto {
  if ('ints' in a) return { name: a.name, type: AttributeType.INTS, ints: a.ints };
  if ('int' in a) return { name: a.name, type: AttributeType.INT, i: a.int };
  return { name: a.name, type: AttributeType.FLOAT, f: a.float };
}

function tensor(init: OnnxInitializer): OnnxTypes.ITensorProto {
  if ('float32' in init) {
    const v = init.float32;
    return { name: init.name, dims: init.dims, dataType: DataType.FLOAT, rawData: new Uint8Array(v.buffer, v.byteOffset, v.byteLength) };
  }
  return { name: init.name, dims: init.dims, dataType: DataType.INT64, int64Data: init.int64 };
}

function valueInfo({ name, shape }: { name: string; shape: (number | null)[] }): OnnxTypes.IValueInfoProto {
  const dim = shape.map((d) => (d === null ? { dimParam: 'N' } : { dimValue: d }));
  return { name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim } } } };
}

export function encodeOnnxModel(graph: OnnxGraph, meta: ExportMeta): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'MNIST Lab',
    producerVersion: meta.appVersion ?? '',
    docString: meta.modelName ?? '',
    graph: {
      name: 'mnist_lab',
      node: graph.nodes.map((n) => ({ name: n.name, opType: n.opType, input: n.inputs, output: n.outputs, attribute: n.attributes.map(attribute) })),
      initializer: graph.initializers.map(tensor),
      input: [valueInfo(graph.input)],
      output: [valueInfo(graph.output)],
    },
  }).finish();
}

function onnxUsage(spec: TrainedModel, meta: ExportMeta): string {
  const pre = preprocessingText(meta);
  return `MNIST Lab export — ONNX${meta.modelName ? ` — ${meta.modelName}` : ''}

File   model.onnx (opset ${ONNX_OPSET}, IR version ${ONNX_IR_VERSION})
Input  "${ONNX_INPUT_NAME}": float32 ${pythonShape(spec.inputShape)}. ${pre.description}
Output "${ONNX_OUTPUT_NAME}": float32 ${pythonShape(spec.outputShape)}, one score per digit 0–9.

Python (pip install onnxruntime numpy):

    import numpy as np
    import onnxruntime as ort
    session = ort.InferenceSession("model.onnx")
    # pixels: uint8 array of shape ${pythonShape(spec.inputShape)}
    x = ${pre.python}
    (probabilities,) = session.run(["${ONNX_OUTPUT_NAME}"], {"${ONNX_INPUT_NAME}": x})
    digits = probabilities.argmax(axis=1)

JavaScript (npm install onnxruntime-web):

    import * as ort from 'onnxruntime-web';
    const session = await ort.InferenceSession.create('model.onnx');
    // floats: Float32Array of n × ${spec.inputShape.reduce((a, b) => a * b, 1)} preprocessed pixels
    const input = new ort.Tensor('float32', floats, [n, ${spec.inputShape.join(', ')}]);
    const { ${ONNX_OUTPUT_NAME} } = await session.run({ ${ONNX_INPUT_NAME}: input });
`;
}

export function exportOnnx(spec: TrainedModel, meta: ExportMeta): ExportFile[] {
  return [
    { name: 'model.onnx', bytes: encodeOnnxModel(buildOnnxGraph(spec), meta) },
    { name: 'USAGE.txt', bytes: utf8(onnxUsage(spec, meta)) },
  ];
}
