/**
 * Every layer's output for one image, in one pass: the layer-by-layer view's data. The image goes
 * through the model's layers one after another (inference mode: Dropout passes everything,
 * BatchNormalization uses its moving statistics), keeping each layer's output.
 */
import * as tf from '@tensorflow/tfjs';
import { imageBatch, lookupTable, PIXELS, type PixelTransform } from '../data.ts';
import { readTrainedModel } from '../export/trained-model.ts';
import { layerDefinition, type LayerClass, type LayerView } from '../layers/index.ts';
import { inputShapeOf } from '../model.ts';

export interface LayerOutput {
  /** Keras name: dense, conv2d_1 … */
  name: string;
  className: LayerClass;
  /** "Dense 512 relu" */
  description: string;
  /** how the view draws it, from the layer's registry definition */
  view: LayerView;
  /** without the batch axis: [h, w, c] or [n] */
  shape: number[];
  /** row-major, channels last; length = product of `shape` */
  values: Float32Array;
}

export interface LayerOutputs {
  /** the shape the image enters as: [784], [28, 28, 1] or [28, 28] */
  inputShape: number[];
  layers: LayerOutput[];
}

type LayerInfo = Omit<LayerOutput, 'values'>;

/** Layer descriptions depend only on the architecture: read once per model. */
const described = new WeakMap<tf.LayersModel, LayerInfo[]>();

function describeLayers(model: tf.LayersModel): LayerInfo[] {
  const known = described.get(model);
  if (known) return known;
  const layers = readTrainedModel(model).layers.map(({ name, spec, outputShape }): LayerInfo => {
    const definition = layerDefinition(spec.class_name);
    return {
      name,
      className: spec.class_name,
      description: definition.describe(spec.config),
      view: definition.view(spec.config, outputShape),
      shape: outputShape,
    };
  });
  described.set(model, layers);
  return layers;
}

/** The model's layers that compute something (a loaded model may list its InputLayer). */
export function computingLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
}

/** @param image [784] bytes 0–255, white digit on black like MNIST */
export async function layerOutputs(model: tf.LayersModel, image: Uint8Array, transform: PixelTransform): Promise<LayerOutputs> {
  if (image.length !== PIXELS) throw new Error(`the layer-by-layer view needs one 28×28 image (784 bytes), got ${image.length} bytes`);
  const info = describeLayers(model);
  const inputShape = inputShapeOf(model);
  const tensors = tf.tidy(() => {
    let x = imageBatch(image, lookupTable(transform), null, 0, 1, inputShape);
    return computingLayers(model).map((layer) => (x = layer.apply(x, { training: false }) as tf.Tensor));
  });
  try {
    const values = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
    return {
      inputShape,
      // Copies: they are transferred to the renderer, and data() may hand out a backend's own buffer.
      layers: info.map((layer, i) => ({ ...layer, shape: [...layer.shape], values: new Float32Array(values[i]!) })),
    };
  } finally {
    for (const t of tensors) t.dispose();
  }
}
