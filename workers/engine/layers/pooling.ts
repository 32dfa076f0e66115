/** What MaxPooling2D and AveragePooling2D share: schema, shapes, fields, Keras config; they differ in the reduction. */
import { z } from 'zod';
import { layerName, needsImage, padding, pair, requireChannelsLast, size2d, sizeText, spatialOutput } from './common.ts';
import type { LayerField, LayerPlace, TrainedLayerOf } from './definition.ts';
import { pads2d } from './onnx-builder.ts';
import type { OnnxAttribute, OnnxGraphBuilder } from './onnx-builder.ts';
import { kwargs, pySize } from './python.ts';

export const poolingSchema = z.strictObject({
  name: layerName,
  pool_size: size2d('pool_size').default(2),
  strides: size2d('strides').nullable().default(null),
  padding,
});
type PoolingConfig = z.output<typeof poolingSchema>;

/** Keras: strides default to the pool size. */
export const poolStrides = (c: PoolingConfig): [number, number] => (c.strides === null ? pair(c.pool_size) : pair(c.strides));

export const poolingFields: LayerField[] = [
  { key: 'pool_size', label: 'Pool size', kind: 'size2d', help: 'Window whose values are combined into one.' },
  { key: 'strides', label: 'Strides', kind: 'size2d-or-same', help: 'Step between windows; empty means the pool size.' },
  { key: 'padding', label: 'Padding', kind: 'padding', help: "'same' keeps the height and width (with stride 1); 'valid' shrinks them." },
];

/** The definition parts both pooling layers share (spread into each). */
export const pooling = {
  schema: poolingSchema,
  editorDefaults: { pool_size: 2, strides: null, padding: 'valid' } as const,
  fields: poolingFields,
  firstInput: 'image' as const,
  infer(c: PoolingConfig, input: number[], { layer, from }: LayerPlace) {
    needsImage(layer, input, from);
    const [oh, ow] = spatialOutput(layer, input, pair(c.pool_size), poolStrides(c), c.padding, 'pool_size');
    return { outputShape: [oh, ow, input[2]!], trainableParams: 0, nonTrainableParams: 0 };
  },
  fromTfjs(c: Record<string, unknown>) {
    requireChannelsLast(c);
    return { pool_size: c['poolSize'], strides: c['strides'] ?? null, padding: c['padding'] ?? 'valid' };
  },
  weights: [] as const,
  kerasConfig: (c: PoolingConfig) => ({ pool_size: pair(c.pool_size), padding: c.padding, strides: poolStrides(c), data_format: 'channels_last' }),
  kerasArgs: (c: PoolingConfig) => [`pool_size=${pySize(c.pool_size)}`, ...kwargs([['strides', c.strides, null], ['padding', c.padding, 'valid']])],
};

/** TF.js' pooling arguments. */
export const poolTfjsArgs = (c: PoolingConfig, common: { name: string; inputShape?: number[] }) => ({
  ...common,
  poolSize: pair(c.pool_size),
  strides: poolStrides(c),
  padding: c.padding,
});

/** The ONNX pooling node (channels first), 'same' padding made explicit. */
export function poolOnnx(op: 'MaxPool' | 'AveragePool', extra: OnnxAttribute[] = []) {
  return {
    layout: 'nchw' as const,
    add(g: OnnxGraphBuilder, { name, config, inputShape }: TrainedLayerOf<PoolingConfig>) {
      const size = pair(config.pool_size);
      const strides = poolStrides(config);
      g.add(op, name, [], [
        { name: 'kernel_shape', ints: size },
        { name: 'strides', ints: strides },
        { name: 'pads', ints: pads2d(config.padding, inputShape, size, strides) },
        ...extra,
      ]);
    },
  };
}

/** "MaxPool 2×2" */
export const poolDescribe = (short: string) => (c: PoolingConfig) => `${short} ${sizeText(c.pool_size)}`;
