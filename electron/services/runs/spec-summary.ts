/** One line that tells runs apart: "Dense 512 → 10 · rmsprop · 5 ep". */
import { layerDefinition } from '../../../workers/engine/layers/index.ts';
import type { LayerSpec } from '../../../workers/engine/layers/index.ts';
import type { ModelSpec } from '../../../workers/engine/spec/schema.ts';

/** The layer type's own summary word (Dense 512, Conv 32, Dropout 0.5, BN); null: not shown. */
function layerWord(layer: LayerSpec): { group: string; value: string } | null {
  return layerDefinition(layer.class_name).summary?.(layer.config) ?? null;
}

/** Consecutive layers of one kind share their word: Conv 32 → 64 → Dense 10. */
export function layerStackText(layers: readonly LayerSpec[]): string {
  const parts: string[] = [];
  let group: string | null = null;
  for (const layer of layers) {
    const word = layerWord(layer);
    if (!word) continue;
    if (word.value === '') {
      parts.push(word.group);
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
