/**
 * The editable model design: a spec as the learner is typing it (values may be missing or wrong —
 * validateSpec reports that), layers carrying stable ids for keyed lists and drag and drop, plus the
 * lab-only choices that are not part of the Keras spec (the backend).
 */
import {
  LAYER_CLASSES,
  LOSSES,
  OPTIMIZERS,
  PREPROCESSINGS,
  presetSpec,
} from '../../../workers/engine/spec/index.ts';
import { LAYERS } from '../../../workers/engine/layers/index.ts';
import { BACKEND_REQUESTS, type BackendRequest } from '../../../workers/protocol.ts';
import type { LayerClass, LossName, ModelSpec, OptimizerName, PresetName, Preprocessing } from '../../../workers/engine/spec/index.ts';


export interface DesignLayer {
  id: string;
  class_name: LayerClass;
  /** as edited: a value the learner cleared is null, validateSpec names it */
  config: Record<string, unknown>;
}

export interface DesignFit {
  epochs: number | null;
  batch_size: number | null;
  validation_split: number | null;
  shuffle: boolean;
  subset: number | null;
  seed: number | null;
}

export interface Design {
  name: string;
  layers: DesignLayer[];
  optimizer: { name: OptimizerName } & Record<string, unknown>;
  loss: LossName;
  fit: DesignFit;
  preprocessing: Preprocessing;
  backend: BackendRequest;
}

let counter = 0;
/** Unique within this page: ids only key the list, they are not persisted meaningfully. */
export function newLayerId(): string {
  counter += 1;
  return `layer-${Date.now().toString(36)}-${counter}`;
}

/** Config a layer gets when added from the palette: the values Chollet's examples use (from the layer registry). */
export function defaultLayerConfig(className: LayerClass): Record<string, unknown> {
  return structuredClone(LAYERS[className].editorDefaults) as Record<string, unknown>;
}

/** Keras' default learning rate for each optimizer (what the schema fills in). */
export const DEFAULT_LEARNING_RATE: Record<OptimizerName, number> = { sgd: 0.01, rmsprop: 0.001, adam: 0.001, adagrad: 0.001 };

export function designFromSpec(spec: ModelSpec, backend: BackendRequest = 'auto'): Design {
  return {
    name: spec.name ?? 'model',
    layers: spec.layers.map((layer) => ({ id: newLayerId(), class_name: layer.class_name, config: { ...layer.config } })),
    optimizer: { ...spec.compile.optimizer },
    loss: spec.compile.loss,
    fit: { ...spec.fit },
    preprocessing: spec.preprocessing,
    backend,
  };
}

export function designFromPreset(name: PresetName, backend: BackendRequest = 'auto'): Design {
  return designFromSpec(presetSpec(name), backend);
}

/** What validateSpec reads: plain JSON, no ids, no lab-only fields. */
export function designToSpecInput(design: Design): unknown {
  return {
    name: design.name,
    layers: design.layers.map(({ class_name, config }) => ({ class_name, config: { ...config } })),
    compile: { optimizer: { ...design.optimizer }, loss: design.loss, metrics: ['accuracy'] },
    fit: { ...design.fit },
    preprocessing: design.preprocessing,
    input_shape: [28, 28],
  };
}

/** A new optimizer config when the learner switches optimizer: its Keras defaults. */
export function optimizerDefaults(name: OptimizerName): Design['optimizer'] {
  if (name === 'sgd') return { name, learning_rate: DEFAULT_LEARNING_RATE.sgd, momentum: 0, nesterov: false };
  return { name, learning_rate: DEFAULT_LEARNING_RATE[name] };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numberOrNull = (v: unknown): v is number | null => v === null || typeof v === 'number';
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

/**
 * Rebuilds a Design from stored JSON, or explains why it cannot. Only the structure is checked here:
 * a design whose values are wrong (units 0) is still the learner's work and comes back with its
 * inline errors.
 */
export function parseStoredDesign(json: string): { design: Design } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { error: 'the saved design is not valid JSON' };
  }
  if (!isRecord(data) || data.version !== 1 || !isRecord(data.design)) return { error: 'the saved design has an unknown format' };
  const d = data.design;
  if (!Array.isArray(d.layers) || d.layers.length === 0) return { error: 'the saved design has no layers' };
  const layers: DesignLayer[] = [];
  for (const layer of d.layers) {
    if (!isRecord(layer) || !oneOf(LAYER_CLASSES, layer.class_name) || !isRecord(layer.config)) {
      return { error: 'the saved design has a layer the lab does not know' };
    }
    layers.push({ id: newLayerId(), class_name: layer.class_name, config: { ...layer.config } });
  }
  if (!isRecord(d.optimizer) || !oneOf(OPTIMIZERS, d.optimizer.name)) return { error: 'the saved design has an unknown optimizer' };
  if (!oneOf(LOSSES, d.loss) || !oneOf(PREPROCESSINGS, d.preprocessing)) return { error: 'the saved design has an unknown loss or preprocessing' };
  const fit = d.fit;
  if (
    !isRecord(fit) ||
    !numberOrNull(fit.epochs) ||
    !numberOrNull(fit.batch_size) ||
    !numberOrNull(fit.validation_split) ||
    typeof fit.shuffle !== 'boolean' ||
    !numberOrNull(fit.subset) ||
    !numberOrNull(fit.seed)
  ) {
    return { error: 'the saved design has unreadable training options' };
  }
  return {
    design: {
      name: typeof d.name === 'string' ? d.name : 'model',
      layers,
      optimizer: { ...d.optimizer, name: d.optimizer.name },
      loss: d.loss,
      fit: {
        epochs: fit.epochs,
        batch_size: fit.batch_size,
        validation_split: fit.validation_split,
        shuffle: fit.shuffle,
        subset: fit.subset,
        seed: fit.seed,
      },
      preprocessing: d.preprocessing,
      backend: oneOf(BACKEND_REQUESTS, d.backend) ? d.backend : 'auto',
    },
  };
}

export function serializeDesign(design: Design): string {
  return JSON.stringify({
    version: 1,
    design: { ...design, layers: design.layers.map(({ class_name, config }) => ({ class_name, config })) },
  });
}
