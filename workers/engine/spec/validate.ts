/**
 * validateSpec: structural checks of arbitrary JSON (messages name the path), then per-layer shape
 * and parameter inference, then model-level rules (10 outputs, softmax for cross-entropy) and the
 * model-size limits of limits.ts.
 */
import type { z } from 'zod';
import { isLayerClass, LAYER_CLASSES, layerDefinition } from '../layers/index.ts';
import { checkLimits } from './limits.ts';
import { layerConfigSchemas, topLevelSchema } from './schema.ts';
import type { LayerSpec, ModelSpec } from './schema.ts';
import { inferLayer, modelInputShape, ShapeError, showShape } from './shapes.ts';
import type { Shape } from './shapes.ts';
import { kerasLayerNames } from './names.ts';

export interface LayerReport {
  /** 0-based position in `layers` (messages say "layer N" counting from 1) */
  index: number;
  class_name: string;
  /** the Keras name this layer gets (`dense`, `dense_1`, …) */
  name: string;
  /** without the batch axis; null when this layer or one before it has an error */
  outputShape: Shape | null;
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  error: string | null;
}

export interface SpecIssue {
  /** where in the JSON, e.g. `layers[2].config.units`, `compile.optimizer.learning_rate`, or `` for the whole spec */
  path: string;
  message: string;
}

export interface SpecReport {
  ok: boolean;
  /** the default-filled spec, when there are no errors */
  spec: ModelSpec | null;
  /** the shape one image is fed as, see shapes.ts */
  inputShape: Shape | null;
  layers: LayerReport[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  errors: SpecIssue[];
}

export class SpecError extends Error {
  override name = 'SpecError';
  constructor(readonly issues: SpecIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
  }
}

function pathString(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function issueMessages(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): SpecIssue[] {
  return issues.map((issue) => {
    const full = [...prefix, ...issue.path];
    const path = pathString(full);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    else if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected')) {
      const last = full[full.length - 1];
      message = `${last === undefined ? 'value' : String(last)} is ${issue.message.includes('received undefined') ? 'missing' : 'of the wrong type'} (${issue.message.replace('Invalid input: ', '')})`;
    }
    const parent = pathString(full.slice(0, -1));
    return { path, message: parent ? `${parent}: ${message}` : message };
  });
}

function suggestClass(name: string): string {
  const match = LAYER_CLASSES.find((c) => c.toLowerCase() === name.toLowerCase().replace(/[_\s]/g, ''));
  return match ? `; did you mean '${match}'?` : `; choose one of ${LAYER_CLASSES.join(', ')}`;
}

interface ParsedLayer {
  spec: LayerSpec | null;
  className: string;
  error: SpecIssue[];
}

function parseLayer(raw: unknown, index: number): ParsedLayer {
  const where = `layers[${index}]`;
  const n = index + 1;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { spec: null, className: '?', error: [{ path: where, message: `layer ${n}: must be an object {class_name, config}` }] };
  }
  const { class_name, config, ...rest } = raw as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (typeof class_name !== 'string') {
    return { spec: null, className: '?', error: [{ path: `${where}.class_name`, message: `layer ${n}: class_name is missing (e.g. "Dense")` }] };
  }
  if (!isLayerClass(class_name)) {
    return {
      spec: null,
      className: class_name,
      error: [{ path: `${where}.class_name`, message: `layer ${n}: unknown layer class '${class_name}'${suggestClass(class_name)}` }],
    };
  }
  const label = `layer ${n} (${class_name})`;
  const errors: SpecIssue[] = extra.map((key) => ({ path: `${where}.${key}`, message: `${label}: unknown key '${key}' (settings go inside config)` }));
  const parsed = layerConfigSchemas[class_name].safeParse(config ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = pathString([...(['layers', index, 'config'] as PropertyKey[]), ...issue.path]);
      errors.push({ path, message: `${label}: ${missingHint(issue, config)}` });
    }
  }
  if (errors.length > 0 || !parsed.success) return { spec: null, className: class_name, error: errors };
  return { spec: { class_name, config: parsed.data } as LayerSpec, className: class_name, error: [] };
}

function missingHint(issue: z.core.$ZodIssue, config: unknown): string {
  const key = issue.path[0];
  const present = typeof config === 'object' && config !== null && key !== undefined && key in config;
  if (issue.path.length === 1 && !present && issue.code !== 'unrecognized_keys') return `${String(key)} is missing`;
  if (issue.code === 'unrecognized_keys') return `unknown config key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  return issue.message;
}

const isCrossEntropy = (loss: string) => loss.endsWith('categorical_crossentropy');

export function validateSpec(input: unknown): SpecReport {
  const errors: SpecIssue[] = [];
  const empty = (): SpecReport => ({
    ok: false, spec: null, inputShape: null, layers: [], totalParams: 0, trainableParams: 0, nonTrainableParams: 0, errors,
  });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    errors.push({ path: '', message: 'the spec must be a JSON object with layers, compile and fit' });
    return empty();
  }
  const top = topLevelSchema.safeParse(input);
  if (!top.success) {
    errors.push(
      ...issueMessages(
        top.error.issues.filter((i) => !(i.path[0] === 'layers' && i.path.length > 1)),
        [],
      ),
    );
  }
  const rawLayers = (input as { layers?: unknown }).layers;
  const parsedLayers = Array.isArray(rawLayers) ? rawLayers.map(parseLayer) : [];
  const names = kerasLayerNames(parsedLayers.map((p) => p.spec ?? { class_name: 'Dense' as const, config: { name: '?' } }));

  const seenNames = new Map<string, number>();
  const layers: LayerReport[] = [];
  let shape: Shape | null = parsedLayers.length > 0 ? modelInputShape(parsedLayers[0]!.spec ?? { class_name: parsedLayers[0]!.className }) : null;
  const inputShape = shape;
  let from = 'the input image';
  parsedLayers.forEach((parsed, index) => {
    const label = `layer ${index + 1} (${parsed.className})`;
    const report: LayerReport = {
      index, class_name: parsed.className, name: names[index]!, outputShape: null,
      params: 0, trainableParams: 0, nonTrainableParams: 0, error: null,
    };
    layers.push(report);
    const layerErrors = [...parsed.error];
    if (parsed.spec) {
      const previous = seenNames.get(report.name);
      if (previous !== undefined) {
        layerErrors.push({ path: `layers[${index}].config.name`, message: `${label}: the name '${report.name}' is already used by layer ${previous + 1}` });
      }
      seenNames.set(report.name, index);
    }
    if (parsed.spec && shape) {
      try {
        const inferred = inferLayer(parsed.spec, shape, label, from);
        report.outputShape = inferred.outputShape;
        report.trainableParams = inferred.trainableParams;
        report.nonTrainableParams = inferred.nonTrainableParams;
        report.params = inferred.trainableParams + inferred.nonTrainableParams;
      } catch (error) {
        if (!(error instanceof ShapeError)) throw error;
        layerErrors.push({ path: `layers[${index}]`, message: error.message });
      }
    }
    shape = report.outputShape;
    from = label;
    if (layerErrors.length > 0) {
      report.error = layerErrors.map((e) => e.message).join('; ');
      errors.push(...layerErrors);
    }
  });

  const last = layers[layers.length - 1];
  const lastSpec = parsedLayers[parsedLayers.length - 1]?.spec;
  if (last?.outputShape && (last.outputShape.length !== 1 || last.outputShape[0] !== 10)) {
    const hint = last.outputShape.length === 1 ? 'end with Dense(10)' : 'add Flatten and Dense(10) at the end';
    const message = `the last layer must output 10 values (one per digit) but layer ${last.index + 1} (${last.class_name}) outputs ${showShape(last.outputShape)}; ${hint}`;
    errors.push({ path: `layers[${last.index}]`, message });
    last.error = last.error ? `${last.error}; ${message}` : message;
  }
  if (top.success && last && lastSpec && isCrossEntropy(top.data.compile.loss)) {
    const activation = layerDefinition(lastSpec.class_name).outputActivation?.(lastSpec.config) ?? null;
    if (activation !== 'softmax') {
      const has = activation ? `it has '${activation}'` : `${lastSpec.class_name} has no activation`;
      const message =
        `layer ${last.index + 1} (${last.class_name}) is the last layer: with loss '${top.data.compile.loss}' it needs ` +
        `activation 'softmax' so its 10 outputs are probabilities (${has})`;
      errors.push({ path: `layers[${last.index}].config.activation`, message });
      last.error = last.error ? `${last.error}; ${message}` : message;
    }
  }

  if (parsedLayers.length > 0 && parsedLayers.every((p) => p.spec)) {
    const rawBatch = (input as { fit?: { batch_size?: unknown } }).fit?.batch_size;
    const batchSize = top.success ? top.data.fit.batch_size : typeof rawBatch === 'number' ? rawBatch : null;
    const sized = layers.map((l, i) => ({
      label: `layer ${i + 1} (${l.class_name})`,
      config: parsedLayers[i]!.spec!.config,
      params: l.params,
      outputSize: l.outputShape ? l.outputShape.reduce((a, b) => a * b, 1) : null,
    }));
    for (const issue of checkLimits(sized, inputShape ? inputShape.reduce((a, b) => a * b, 1) : 0, batchSize)) {
      errors.push({ path: issue.path, message: issue.message });
      const blamed = issue.layer === null ? undefined : layers[issue.layer];
      if (blamed) blamed.error = blamed.error ? `${blamed.error}; ${issue.message}` : issue.message;
    }
  }

  if (top.success && top.data.fit.subset !== null && top.data.fit.validation_split > 0) {
    const { subset, validation_split } = top.data.fit;
    const trainCount = Math.floor(subset * (1 - validation_split));
    if (trainCount < 1 || trainCount === subset) {
      errors.push({
        path: 'fit.validation_split',
        message: `fit: validation_split ${validation_split} of a subset of ${subset} examples leaves ${trainCount < 1 ? 'no training' : 'no validation'} examples`,
      });
    }
  }

  const sum = (key: 'params' | 'trainableParams' | 'nonTrainableParams') => layers.reduce((a, l) => a + l[key], 0);
  const ok = errors.length === 0 && top.success;
  return {
    ok,
    spec: ok && top.success ? { ...top.data, layers: parsedLayers.map((p) => p.spec!) } as ModelSpec : null,
    inputShape,
    layers,
    totalParams: sum('params'),
    trainableParams: sum('trainableParams'),
    nonTrainableParams: sum('nonTrainableParams'),
    errors,
  };
}

/** validateSpec, throwing a SpecError (all messages, one per line) when the spec is not usable. */
export function parseSpec(input: unknown): ModelSpec {
  const report = validateSpec(input);
  if (!report.spec) throw new SpecError(report.errors);
  return report.spec;
}
