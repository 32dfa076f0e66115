/** One line that tells runs apart: "Dense 512 → 10 · rmsprop · 5 ep". */
import type { LayerSpec, ModelSpec } from '../../../workers/engine/spec/schema.ts';

function layerWord(layer: LayerSpec): { group: string; value: string } | null {
  switch (layer.class_name) {
    case 'Dense':
      return { group: 'Dense', value: String(layer.config.units) };
    case 'Conv2D':
      return { group: 'Conv', value: String(layer.config.filters) };
    case 'Dropout':
      return { group: 'Dropout', value: String(layer.config.rate) };
    case 'BatchNormalization':
      return { group: 'BN', value: '' };
    default:
      return null;
  }
}

/** Consecutive layers of one kind share their word: Conv 32 → 64 → Dense 10. */
export function layerStackText(layers: readonly LayerSpec[]): string {
  const parts: string[] = [];
  let group: string | null = null;
  for (const layer of layers) {
    const word = layerWord(layer);
    if (!word) continue;
    if (word.group === 'BN') {
      parts.push('BN');
      group = null;
    } else if (word.group === group) {
      parts.push(word.value);
    } else {
      parts.push(`${word.group} ${word.value}`);
      group = word.group;
    }
  }
  return parts.join(' → ');
}

export function specSummary(spec: ModelSpec): string {
  const epochs = spec.fit.epochs;
  return `${layerStackText(spec.layers)} · ${spec.compile.optimizer.name} · ${epochs} ep`;
}
