/** Public API of the export encoders. */
export { exportModel } from './export-model.ts';
export { exportKeras } from './keras.ts';
export { exportNpz, npzSpec } from './npz.ts';
export { exportOnnx, encodeOnnxModel, ONNX_IR_VERSION, ONNX_OPSET } from './onnx.ts';
export { buildOnnxGraph, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-graph.ts';
export { exportTfjs, captureModelArtifacts, modelJson } from './tfjs.ts';
export { readTrainedModel, weightPath } from './trained-model.ts';
export type { TrainedLayer, TrainedModel, WeightArray } from './trained-model.ts';
export { EXPORT_FORMATS } from './types.ts';
export type { ExportFile, ExportFormat, ExportMeta, ExportResult, InputPreprocessing } from './types.ts';
export { exportMetaFor } from './preprocessing.ts';
