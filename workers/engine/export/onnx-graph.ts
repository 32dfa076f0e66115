/**
 * Builds the ONNX graph (as plain data) for a Keras-style sequential model: each layer's registry
 * definition adds its nodes, after the builder has moved the tensor into the layout it declares
 * (see layers/onnx-builder.ts).
 */
import { layerDefinition } from '../layers/index.ts';
import { ONNX_INPUT_NAME, OnnxGraphBuilder } from '../layers/onnx-builder.ts';
import type { OnnxInitializer, OnnxNode } from '../layers/onnx-builder.ts';
import type { TrainedModel } from './trained-model.ts';

export { ONNX_INPUT_NAME, samePadding } from '../layers/onnx-builder.ts';
export type { OnnxAttribute, OnnxInitializer, OnnxNode } from '../layers/onnx-builder.ts';

export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  /** Shapes with the batch dimension as null. */
  input: { name: string; shape: (number | null)[] };
  output: { name: string; shape: (number | null)[] };
}

export const ONNX_OUTPUT_NAME = 'probabilities';

export function buildOnnxGraph(model: TrainedModel): OnnxGraph {
  const g = new OnnxGraphBuilder();
  for (const layer of model.layers) {
    const { onnx } = layerDefinition(layer.spec.class_name);
    if (onnx.layout !== 'any') g.toLayout(onnx.layout, layer.name);
    onnx.add(g, { name: layer.name, config: layer.spec.config, inputShape: layer.inputShape, outputShape: layer.outputShape, weights: layer.weights });
  }
  g.toLayout('keras', 'output');
  const last = g.nodes[g.nodes.length - 1];
  if (last && last.outputs[0] === g.current) {
    last.outputs[0] = ONNX_OUTPUT_NAME;
  } else {
    g.add('Identity', 'output', []);
    g.nodes[g.nodes.length - 1]!.outputs[0] = ONNX_OUTPUT_NAME;
  }
  return {
    nodes: g.nodes,
    initializers: g.initializers,
    input: { name: ONNX_INPUT_NAME, shape: [null, ...model.inputShape] },
    output: { name: ONNX_OUTPUT_NAME, shape: [null, ...model.outputShape] },
  };
}
