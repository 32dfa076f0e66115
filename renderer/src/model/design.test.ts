import { describe, expect, it } from 'vitest';
import { kerasCode, PRESET_NAMES, presetSpec, validateSpec } from '../../../workers/engine/spec/index.ts';
import {
  defaultLayerConfig,
  designFromPreset,
  designToSpecInput,
  optimizerDefaults,
  parseStoredDesign,
  serializeDesign,
} from './design.ts';
import { LAYER_FIELDS, numberFromInput, sizePair, withAxis } from './layer-fields.ts';
import { formatCount, formatShape, formatWeightBytes, parseShapeText, shapeText } from './summary-format.ts';

describe('design ⇄ spec', () => {
  it.each(PRESET_NAMES)('round-trips preset %s to the same spec', (name) => {
    const report = validateSpec(designToSpecInput(designFromPreset(name)));
    expect(report.ok).toBe(true);
    expect(report.spec).toEqual(presetSpec(name));
  });

  it('chollet-ch2 has 407 050 parameters, as Keras prints', () => {
    const report = validateSpec(designToSpecInput(designFromPreset('chollet-ch2')));
    expect(report.totalParams).toBe(407050);
    expect(report.layers.map((l) => l.params)).toEqual([401920, 5130]);
  });

  it('every palette default is a valid layer config', () => {
    // Reshape → Conv2D → pooling → BatchNorm → Dropout → Flatten → Dense(10): uses every class once.
    const design = designFromPreset('chollet-ch2');
    const order = ['Reshape', 'Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'BatchNormalization', 'Dropout', 'Flatten', 'Dense'] as const;
    design.layers = order.map((c, i) => ({ id: String(i), class_name: c, config: defaultLayerConfig(c) }));
    design.layers.push({ id: 'out', class_name: 'Dense', config: { units: 10, activation: 'softmax' } });
    const report = validateSpec(designToSpecInput(design));
    expect(report.errors).toEqual([]);
    expect(report.layers[1]!.outputShape).toEqual([26, 26, 32]);
  });

  it('a cleared value becomes an inline error on that layer', () => {
    const design = designFromPreset('chollet-ch2');
    design.layers[0]!.config.units = numberFromInput('');
    const report = validateSpec(designToSpecInput(design));
    expect(report.ok).toBe(false);
    expect(report.layers[0]!.error).toMatch(/units/);
    expect(report.layers[1]!.error).toBeNull();
  });

  it('Conv2D after Flatten is reported on the Conv2D layer', () => {
    const design = designFromPreset('chollet-ch2');
    design.layers.splice(0, 0, { id: 'f', class_name: 'Flatten', config: {} }, { id: 'c', class_name: 'Conv2D', config: defaultLayerConfig('Conv2D') });
    const report = validateSpec(designToSpecInput(design));
    expect(report.layers[1]!.error).toMatch(/Conv2D.*3-D input/);
    expect(report.ok).toBe(false);
  });

  it('switching optimizer takes its Keras defaults and generates matching code', () => {
    const design = designFromPreset('chollet-ch2');
    design.optimizer = optimizerDefaults('sgd');
    design.optimizer.momentum = 0.9;
    const report = validateSpec(designToSpecInput(design));
    expect(report.ok).toBe(true);
    expect(kerasCode(report.spec!)).toContain('keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)');
  });
});

describe('stored design', () => {
  it('restores what was saved, edits included', () => {
    const design = designFromPreset('lenet5', 'wasm');
    design.layers[0]!.config.filters = 0; // invalid values are the learner's work: kept
    design.fit.subset = 1000;
    const restored = parseStoredDesign(serializeDesign(design));
    if (!('design' in restored)) throw new Error(restored.error);
    expect(restored.design.backend).toBe('wasm');
    expect(restored.design.layers.map((l) => [l.class_name, l.config])).toEqual(design.layers.map((l) => [l.class_name, l.config]));
    expect(restored.design.fit.subset).toBe(1000);
    expect(validateSpec(designToSpecInput(restored.design)).layers[0]!.error).toMatch(/filters/);
  });

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['another format', JSON.stringify({ layers: [] }), /unknown format/],
    ['no layers', JSON.stringify({ version: 1, design: { layers: [] } }), /no layers/],
    ['unknown layer', serializeDesign(designFromPreset('chollet-ch2')).replace('"Dense"', '"LSTM"'), /layer the lab does not know/],
    ['bad optimizer', serializeDesign(designFromPreset('chollet-ch2')).replace('"rmsprop"', '"lion"'), /optimizer/],
  ])('refuses %s with a reason', (_what, json, reason) => {
    const restored = parseStoredDesign(json);
    expect('error' in restored && restored.error).toMatch(reason);
  });
});

describe('layer fields', () => {
  it('covers every config key the palette sets, except names', () => {
    for (const [className, fields] of Object.entries(LAYER_FIELDS)) {
      const keys = Object.keys(defaultLayerConfig(className as keyof typeof LAYER_FIELDS)).sort();
      expect(fields.map((f) => f.key).sort(), className).toEqual(keys);
    }
  });

  it('edits one axis of a size and collapses squares', () => {
    expect(sizePair(3)).toEqual([3, 3]);
    expect(withAxis(3, 1, 5)).toEqual([3, 5]);
    expect(withAxis([3, 5], 1, 3)).toBe(3);
    expect(withAxis(3, 0, null)).toEqual([null, 3]);
    expect(sizePair('x')).toEqual([null, null]);
  });

  it('reads number inputs', () => {
    expect(numberFromInput(' 12 ')).toBe(12);
    expect(numberFromInput('')).toBeNull();
    expect(numberFromInput('1e-3')).toBe(0.001);
    expect(numberFromInput('abc')).toBeNull();
  });
});

describe('summary formatting', () => {
  it('groups digits like model.summary()', () => {
    expect(formatCount(407050, ',')).toBe('407,050');
    expect(formatCount(0, ',')).toBe('0');
    expect(formatCount(1234567)).toBe('1\u202f234\u202f567');
    expect(formatShape([28, 28, 1])).toBe('(None, 28, 28, 1)');
    expect(formatShape(null)).toBe('—');
    expect(formatWeightBytes(407050)).toBe('1.55 MB');
    expect(formatWeightBytes(100)).toBe('400 B');
  });

  it('parses a typed target shape or keeps the text for the schema to name', () => {
    expect(parseShapeText('28, 28, 1')).toEqual([28, 28, 1]);
    expect(parseShapeText('7×7×16')).toEqual([7, 7, 16]);
    expect(parseShapeText('28, a')).toBe('28, a');
    expect(shapeText([28, 28, 1])).toBe('28, 28, 1');
    const design = designFromPreset('chollet-ch2');
    design.layers.unshift({ id: 'r', class_name: 'Reshape', config: { target_shape: parseShapeText('28, a') } });
    expect(validateSpec(designToSpecInput(design)).layers[0]!.error).toMatch(/target_shape/);
  });
});
