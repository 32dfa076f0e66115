import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, kerasCode, parseSpec, presetSpec, SpecError, validateSpec } from './index.ts';

const compile = { optimizer: { name: 'rmsprop' }, loss: 'sparse_categorical_crossentropy' };
const dense = (units: number, activation = 'relu') => ({ class_name: 'Dense', config: { units, activation } });
const messages = (spec: unknown) => validateSpec(spec).errors.map((e) => e.message);

describe('presets', () => {
  it.each([
    ['chollet-ch2', 407_050, [[512], [10]]],
    ['convnet-ch8', 104_202, [[26, 26, 32], [13, 13, 32], [11, 11, 64], [5, 5, 64], [3, 3, 128], [1152], [10]]],
    ['lenet5', 61_706, [[28, 28, 6], [14, 14, 6], [10, 10, 16], [5, 5, 16], [400], [120], [84], [10]]],
  ] as const)('%s has Keras summary numbers', (name, total, shapes) => {
    const report = validateSpec(presetSpec(name));
    expect(report.errors).toEqual([]);
    expect(report.totalParams).toBe(total);
    expect(report.trainableParams).toBe(total);
    expect(report.layers.map((l) => l.outputShape)).toEqual(shapes);
  });

  it('chollet-ch2 params per layer are 784·512+512 and 512·10+10', () => {
    const report = validateSpec(presetSpec('chollet-ch2'));
    expect(report.inputShape).toEqual([784]);
    expect(report.layers.map((l) => [l.name, l.params])).toEqual([['dense', 401_920], ['dense_1', 5_130]]);
  });

  it('presets come back default-filled and independent', () => {
    const a = presetSpec('chollet-ch2');
    a.fit.epochs = 99;
    expect(presetSpec('chollet-ch2').fit.epochs).toBe(5);
    expect(a.compile.optimizer).toEqual({ name: 'rmsprop', learning_rate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
    expect(PRESET_NAMES).toHaveLength(3);
  });
});

describe('defaults', () => {
  it('fills Keras 3 optimizer defaults and accepts optimizer as a string', () => {
    const spec = parseSpec({ layers: [dense(10, 'softmax')], compile: { optimizer: 'adam' } });
    expect(spec.compile).toEqual({
      optimizer: { name: 'adam', learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    expect(parseSpec({ layers: [dense(10, 'softmax')], compile: { optimizer: 'sgd' } }).compile.optimizer).toEqual({
      name: 'sgd', learning_rate: 0.01, momentum: 0, nesterov: false,
    });
    expect(parseSpec({ layers: [dense(10, 'softmax')], compile: { optimizer: 'adagrad' } }).compile.optimizer).toEqual({
      name: 'adagrad', learning_rate: 0.001, initial_accumulator_value: 0.1, epsilon: 1e-7,
    });
    expect(spec.preprocessing).toBe('scale');
    expect(spec.fit).toEqual({ epochs: 1, batch_size: 32, validation_split: 0, shuffle: true, subset: null, seed: 42 });
  });

  it('fills layer defaults (activation linear, strides = pool size, BatchNormalization 0.99/0.001)', () => {
    const spec = parseSpec({
      layers: [
        { class_name: 'Reshape', config: { target_shape: [28, 28, 1] } },
        { class_name: 'Conv2D', config: { filters: 4, kernel_size: [3, 3] } },
        { class_name: 'BatchNormalization' },
        { class_name: 'MaxPooling2D' },
        { class_name: 'Flatten' },
        { class_name: 'Dropout', config: { rate: 0.5 } },
        dense(10, 'softmax'),
      ],
      compile,
    });
    expect(spec.layers[1]).toEqual({
      class_name: 'Conv2D',
      config: { filters: 4, kernel_size: [3, 3], strides: 1, padding: 'valid', activation: 'linear', use_bias: true },
    });
    expect(spec.layers[2]!.config).toEqual({ momentum: 0.99, epsilon: 0.001, center: true, scale: true });
    expect(spec.layers[3]!.config).toEqual({ pool_size: 2, strides: null, padding: 'valid' });
    const report = validateSpec(spec);
    // BatchNormalization: 4 gamma + 4 beta trainable, 4 moving mean + 4 moving variance not
    expect(report.layers[2]).toMatchObject({ outputShape: [26, 26, 4], trainableParams: 8, nonTrainableParams: 8, params: 16 });
    expect(report.layers[3]!.outputShape).toEqual([13, 13, 4]);
    expect(report.totalParams).toBe(40 + 16 + 13 * 13 * 4 * 10 + 10);
  });
});

describe('input shape by first layer', () => {
  it('Dense first → [784], Conv2D first → [28, 28, 1], Flatten first → [28, 28]', () => {
    expect(validateSpec(presetSpec('chollet-ch2')).inputShape).toEqual([784]);
    expect(validateSpec(presetSpec('convnet-ch8')).inputShape).toEqual([28, 28, 1]);
    const flat = validateSpec({ layers: [{ class_name: 'Flatten' }, dense(10, 'softmax')], compile });
    expect(flat.inputShape).toEqual([28, 28]);
    expect(flat.totalParams).toBe(7850);
  });
});

describe('learner-friendly errors', () => {
  it('names the layer, the shape it gets and where it came from', () => {
    const msgs = messages({
      layers: [dense(512), { class_name: 'Flatten' }, { class_name: 'Conv2D', config: { filters: 8, kernel_size: 3 } }, dense(10, 'softmax')],
      compile,
    });
    expect(msgs).toEqual([
      'layer 3 (Conv2D) needs a 3-D input (height, width, channels) but gets [512] from layer 2 (Flatten); image layers must come before Flatten and Dense',
    ]);
  });

  it('Dense after an image needs Flatten', () => {
    const report = validateSpec({ layers: [{ class_name: 'Dropout', config: { rate: 0.2 } }, dense(10, 'softmax')], compile });
    expect(report.layers[1]!.error).toBe('layer 2 (Dense) needs a flat 1-D input but gets [28, 28] from layer 1 (Dropout); put a Flatten layer before it');
    expect(report.ok).toBe(false);
    expect(report.spec).toBeNull();
  });

  it('Conv2D after a 2-D input suggests Reshape', () => {
    const msgs = messages({ layers: [{ class_name: 'Flatten' }, { class_name: 'Reshape', config: { target_shape: [28, 28] } }, { class_name: 'Conv2D', config: { filters: 2, kernel_size: 3 } }, { class_name: 'Flatten' }, dense(10, 'softmax')], compile });
    expect(msgs[0]).toContain('layer 3 (Conv2D) needs a 3-D input (height, width, channels) but gets [28, 28] from layer 2 (Reshape)');
    expect(msgs[0]).toContain('Reshape layer with target_shape [28, 28, 1]');
  });

  it('kernels larger than their input, and bad reshapes', () => {
    const tooSmall = messages({
      layers: [{ class_name: 'Conv2D', config: { filters: 2, kernel_size: 3 } }, { class_name: 'MaxPooling2D', config: { pool_size: 13 } }, { class_name: 'Conv2D', config: { filters: 2, kernel_size: 3 } }, { class_name: 'Flatten' }, dense(10, 'softmax')],
      compile,
    });
    expect(tooSmall).toEqual([
      "layer 3 (Conv2D): its kernel 3×3 is larger than its 2×2 input with padding 'valid'; use a smaller kernel, padding 'same', or fewer pooling layers before it",
    ]);
    const reshape = messages({ layers: [{ class_name: 'Reshape', config: { target_shape: [28, 28, 2] } }, { class_name: 'Flatten' }, dense(10, 'softmax')], compile });
    expect(reshape).toEqual(['layer 1 (Reshape): target_shape [28, 28, 2] holds 1568 values but its input [28, 28] from the input image has 784']);
  });

  it('unknown classes, missing and invalid config values, unknown keys', () => {
    const msgs = messages({
      layers: [
        { class_name: 'dense', config: { units: 5 } },
        { class_name: 'Conv3D', config: {} },
        { class_name: 'Dense', config: { activation: 'rellu' } },
        { class_name: 'Dense', config: { units: 2.5, unit: 3 } },
        { class_name: 'Dropout', config: { rate: 1 } },
        dense(10, 'softmax'),
      ],
      compile,
    });
    expect(msgs).toEqual([
      "layer 1: unknown layer class 'dense'; did you mean 'Dense'?",
      "layer 2: unknown layer class 'Conv3D'; choose one of Dense, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Flatten, Dropout, BatchNormalization, Activation, LeakyReLU, Reshape",
      'layer 3 (Dense): units is missing',
      "layer 3 (Dense): unknown activation 'rellu'; choose one of 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'linear'",
      'layer 4 (Dense): units must be a whole number',
      "layer 4 (Dense): unknown config key 'unit'",
      'layer 5 (Dropout): rate must be below 1: a rate of 1 would drop every input',
    ]);
    const paths = validateSpec({ layers: [{ class_name: 'Dense', config: { activation: 'relu' } }], compile }).errors.map((e) => e.path);
    expect(paths).toEqual(['layers[0].config.units']);
  });

  it('compile and fit options, with the path', () => {
    const report = validateSpec({
      layers: [dense(10, 'softmax')],
      compile: { optimizer: { name: 'sgd', learning_rate: 0 }, loss: 'hinge' },
      fit: { epochs: 1001, batch_size: 0, validation_split: 0.6, subset: 0 },
      preprocessing: 'normalise',
    });
    expect(report.errors).toEqual([
      { path: 'compile.optimizer.learning_rate', message: "compile.optimizer: learning_rate must be greater than 0 (Keras' default here is 0.01)" },
      { path: 'compile.loss', message: "compile: unknown loss 'hinge'; choose one of 'sparse_categorical_crossentropy', 'categorical_crossentropy', 'mean_squared_error'" },
      { path: 'fit.epochs', message: 'fit: epochs must be at most 1000' },
      { path: 'fit.batch_size', message: 'fit: batch_size must be at least 1' },
      { path: 'fit.validation_split', message: 'fit: validation_split must be at most 0.5: at least half of the examples are needed for training' },
      { path: 'fit.subset', message: 'fit: subset must be at least 1' },
      { path: 'preprocessing', message: "unknown preprocessing 'normalise'; choose one of 'scale', 'raw', 'standardize'" },
    ]);
    expect(messages({ layers: [dense(10, 'softmax')], compile: { optimizer: 'nadam' } })).toEqual([
      "compile.optimizer: unknown optimizer 'nadam'; choose one of 'sgd', 'rmsprop', 'adam', 'adagrad'",
    ]);
    expect(messages({ layers: [dense(10, 'softmax')] })).toEqual(['compile is missing (expected object, received undefined)']);
    expect(messages({ layers: [dense(10, 'softmax')], compile, fit: { subset: 1, validation_split: 0.2 } })).toEqual([
      'fit: validation_split 0.2 of a subset of 1 examples leaves no training examples',
    ]);
    expect(parseSpec({ layers: [dense(10)], compile: { optimizer: 'sgd', loss: 'mse' } }).compile.loss).toBe('mean_squared_error');
  });

  it('the output must be 10 softmax probabilities for cross-entropy', () => {
    expect(messages({ layers: [dense(64), dense(12, 'softmax')], compile })).toEqual([
      'the last layer must output 10 values (one per digit) but layer 2 (Dense) outputs [12]; end with Dense(10)',
    ]);
    expect(messages({ layers: [dense(64), { class_name: 'Dense', config: { units: 10 } }], compile })).toEqual([
      "layer 2 (Dense) is the last layer: with loss 'sparse_categorical_crossentropy' it needs activation 'softmax' so its 10 outputs are probabilities (it has 'linear')",
    ]);
    expect(messages({ layers: [dense(64), dense(10, 'sigmoid')], compile: { ...compile, loss: 'mean_squared_error' } })).toEqual([]);
    expect(messages({ layers: [{ class_name: 'Conv2D', config: { filters: 10, kernel_size: 3 } }], compile })[0]).toBe(
      'the last layer must output 10 values (one per digit) but layer 1 (Conv2D) outputs [26, 26, 10]; add Flatten and Dense(10) at the end',
    );
  });

  it('rejects non-objects, empty layer lists and duplicate names', () => {
    expect(messages(null)).toEqual(['the spec must be a JSON object with layers, compile and fit']);
    expect(messages({ layers: [], compile })).toEqual(['the model needs at least one layer']);
    expect(messages({ layers: [{ class_name: 'Dense', config: { units: 10, name: 'out' } }, { class_name: 'Dense', config: { units: 10, activation: 'softmax', name: 'out' } }], compile })).toEqual([
      "layer 2 (Dense): the name 'out' is already used by layer 1",
    ]);
    expect(() => parseSpec({ layers: [] })).toThrow(SpecError);
  });
});

/** python3's own parser: the generated program must at least be valid Python. */
function pythonSyntaxError(code: string): string {
  const result = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: code, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.stderr;
}

describe('kerasCode', () => {
  it.each(PRESET_NAMES)('%s gives a syntactically valid Python program', (name) => {
    expect(pythonSyntaxError(kerasCode(presetSpec(name)))).toBe('');
  });

  it('writes Chollet’s ch. 2 program for chollet-ch2', () => {
    const code = kerasCode(presetSpec('chollet-ch2'));
    expect(code).toContain('keras.Input(shape=(784,)),');
    expect(code).toContain('layers.Dense(512, activation="relu"),');
    expect(code).toContain('layers.Dense(10, activation="softmax"),');
    expect(code).toContain('model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.001),');
    expect(code).toContain('loss="sparse_categorical_crossentropy"');
    expect(code).toContain('train_images = train_images.reshape((-1, 28 * 28)).astype("float32") / 255');
    expect(code).toContain('model.fit(train_images, train_labels, epochs=5, batch_size=128)');
    expect(code).toContain('test_loss, test_acc = model.evaluate(test_images, test_labels)');
  });

  it('writes conv, pooling, options, subset, standardisation and one-hot labels when needed', () => {
    const spec = parseSpec({
      layers: [
        { class_name: 'Conv2D', config: { filters: 6, kernel_size: 5, padding: 'same', activation: 'tanh' } },
        { class_name: 'AveragePooling2D', config: { pool_size: 2, strides: 1 } },
        { class_name: 'Flatten' },
        { class_name: 'Dropout', config: { rate: 0.25 } },
        { class_name: 'Dense', config: { units: 10, activation: 'softmax', use_bias: false } },
      ],
      compile: { optimizer: { name: 'sgd', learning_rate: 0.1, momentum: 0.9, nesterov: true }, loss: 'categorical_crossentropy' },
      fit: { epochs: 3, batch_size: 64, validation_split: 0.1, subset: 5000, seed: 7, shuffle: false },
      preprocessing: 'standardize',
    });
    const code = kerasCode(spec);
    expect(code).toContain('keras.Input(shape=(28, 28, 1)),');
    expect(code).toContain('layers.Conv2D(6, 5, padding="same", activation="tanh"),');
    expect(code).toContain('layers.AveragePooling2D(pool_size=2, strides=1),');
    expect(code).toContain('layers.Dropout(0.25),');
    expect(code).toContain('layers.Dense(10, activation="softmax", use_bias=False),');
    expect(code).toContain('keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)');
    expect(code).toContain('train_images = train_images[:5000]');
    expect(code).toContain('keras.utils.set_random_seed(7)');
    expect(code).toContain('mean, std = train_images.mean(), train_images.std()');
    expect(code).toContain('train_labels = keras.utils.to_categorical(train_labels, 10)');
    expect(code).toContain('epochs=3, batch_size=64, validation_split=0.1, shuffle=False)');
    expect(pythonSyntaxError(code)).toBe('');
  });
});
