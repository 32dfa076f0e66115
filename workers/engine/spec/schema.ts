/**
 * Structural schemas for the JSON model spec (Keras names and Keras 3 defaults). Parsing fills in
 * the defaults, so the engine only ever sees complete configs. Shape rules live in shapes.ts.
 */
import { z } from 'zod';
import { describeValue as describe, positiveInt, quoted } from '../layers/common.ts';
import { LAYERS } from '../layers/index.ts';
import type { LayerClass, LayerSpec, LayerSpecInput } from '../layers/index.ts';

export { ACTIVATIONS, LAYER_CLASSES } from '../layers/index.ts';
export type { Activation, LayerClass, LayerConfigOf, LayerSpec, LayerSpecInput } from '../layers/index.ts';

export const LOSSES = ['sparse_categorical_crossentropy', 'categorical_crossentropy', 'mean_squared_error'] as const;
export const OPTIMIZERS = ['sgd', 'rmsprop', 'adam', 'adagrad'] as const;
export const PREPROCESSINGS = ['scale', 'raw', 'standardize'] as const;

export type LossName = (typeof LOSSES)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type Preprocessing = (typeof PREPROCESSINGS)[number];

/** Each layer class's config schema, from the registry. */
export const layerConfigSchemas = Object.fromEntries(Object.entries(LAYERS).map(([name, d]) => [name, d.schema])) as {
  [K in LayerClass]: (typeof LAYERS)[K]['schema'];
};

const learningRate = (fallback: number) =>
  z
    .number({ error: 'learning_rate must be a number' })
    .gt(0, `learning_rate must be greater than 0 (Keras' default here is ${fallback})`)
    .default(fallback);
const epsilon = z.number().gt(0, 'epsilon must be greater than 0').default(1e-7);
const fraction = (what: string) => z.number().min(0, `${what} must be between 0 and 1`).max(1, `${what} must be between 0 and 1`);

const optimizerSchema = z.preprocess(
  // Keras also accepts optimizer="rmsprop"
  (value) => (typeof value === 'string' ? { name: value } : value),
  z.discriminatedUnion(
    'name',
    [
      z.strictObject({
        name: z.literal('sgd'),
        learning_rate: learningRate(0.01),
        momentum: fraction('momentum').default(0),
        nesterov: z.boolean().default(false),
      }),
      z.strictObject({
        name: z.literal('rmsprop'),
        learning_rate: learningRate(0.001),
        rho: fraction('rho').default(0.9),
        momentum: fraction('momentum').default(0),
        epsilon,
        centered: z.boolean().default(false),
      }),
      z.strictObject({
        name: z.literal('adam'),
        learning_rate: learningRate(0.001),
        beta_1: fraction('beta_1').default(0.9),
        beta_2: fraction('beta_2').default(0.999),
        epsilon,
      }),
      z.strictObject({
        name: z.literal('adagrad'),
        learning_rate: learningRate(0.001),
        initial_accumulator_value: z.number().min(0, 'initial_accumulator_value must be ≥ 0').default(0.1),
        epsilon,
      }),
    ],
    { error: (issue) => `unknown optimizer ${describe((issue.input as { name?: unknown } | undefined)?.name)}; choose one of ${quoted(OPTIMIZERS)}` },
  ),
);

export const compileSchema = z.strictObject({
  optimizer: optimizerSchema,
  loss: z
    // Keras' short names for the same losses
    .preprocess(
      (value) => (value === 'mse' ? 'mean_squared_error' : value),
      z.enum(LOSSES, { error: (issue) => `unknown loss ${describe(issue.input)}; choose one of ${quoted(LOSSES)}` }),
    )
    .default('sparse_categorical_crossentropy'),
  metrics: z.array(z.literal('accuracy', { error: "the only metric the lab computes is 'accuracy'" })).default(['accuracy']),
});

export const fitSchema = z.strictObject({
  epochs: z
    .number({ error: 'epochs must be a number' })
    .int('epochs must be a whole number')
    .min(1, 'epochs must be at least 1')
    .max(1000, 'epochs must be at most 1000')
    .default(1),
  batch_size: positiveInt('batch_size').default(32),
  validation_split: z
    .number({ error: 'validation_split must be a number' })
    .min(0, 'validation_split must be between 0 (no validation) and 0.5')
    .max(0.5, 'validation_split must be at most 0.5: at least half of the examples are needed for training')
    .default(0),
  shuffle: z.boolean().default(true),
  subset: positiveInt('subset').max(60000, 'subset must be at most 60000 (the size of the MNIST train set)').nullable().default(null),
  seed: z.number({ error: 'seed must be a number' }).int('seed must be a whole number').min(0, 'seed must be ≥ 0').default(42),
  /** learning-rate range test: the rate is multiplied by this after every batch (absent: a constant rate) */
  lr_growth: z.number({ error: 'lr_growth must be a number' }).gt(1, 'lr_growth must be greater than 1').max(2, 'lr_growth must be at most 2').optional(),
});

/** The top level; `layers` entries are checked one by one (see validate.ts) for per-layer messages. */
export const topLevelSchema = z.strictObject({
  name: z.string().optional(),
  layers: z
    .array(
      z.looseObject({
        class_name: z.string({ error: 'class_name must be a string such as "Dense"' }),
        config: z.record(z.string(), z.unknown(), { error: 'config must be an object' }).optional(),
      }),
      { error: 'layers must be a list of {class_name, config} objects' },
    )
    .min(1, 'the model needs at least one layer'),
  compile: compileSchema,
  fit: fitSchema.default(fitSchema.parse({})),
  preprocessing: z
    .enum(PREPROCESSINGS, { error: (issue) => `unknown preprocessing ${describe(issue.input)}; choose one of ${quoted(PREPROCESSINGS)}` })
    .default('scale'),
  input_shape: z
    .tuple([z.literal(28), z.literal(28)], { error: 'input_shape must be [28, 28]: MNIST images are 28×28 pixels' })
    .default([28, 28]),
});

export type CompileSpec = z.output<typeof compileSchema>;
export type OptimizerSpec = CompileSpec['optimizer'];
export type FitSpec = z.output<typeof fitSchema>;

/** A complete, default-filled spec: what validateSpec returns and what the engine consumes. */
export interface ModelSpec {
  name?: string;
  layers: LayerSpec[];
  compile: CompileSpec;
  fit: FitSpec;
  preprocessing: Preprocessing;
  input_shape: [28, 28];
}

/** What an author may write: defaults may be left out. */
export interface ModelSpecInput {
  name?: string;
  layers: LayerSpecInput[];
  compile: z.input<typeof compileSchema>;
  fit?: z.input<typeof fitSchema>;
  preprocessing?: Preprocessing;
  input_shape?: [28, 28];
}
