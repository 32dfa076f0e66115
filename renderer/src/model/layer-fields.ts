/** Which controls each layer class gets in the editor (from the layer registry), and the helpers those controls need. */
import { LAYER_CLASSES, LAYERS } from '../../../workers/engine/layers/index.ts';
import type { LayerClass, LayerField } from '../../../workers/engine/layers/index.ts';

export type { FieldKind, LayerField } from '../../../workers/engine/layers/index.ts';

export const LAYER_FIELDS = Object.fromEntries(LAYER_CLASSES.map((c) => [c, LAYERS[c].fields])) as Record<LayerClass, LayerField[]>;

/** One line describing each layer class, for the palette. */
export const LAYER_BLURBS = Object.fromEntries(LAYER_CLASSES.map((c) => [c, LAYERS[c].blurb])) as Record<LayerClass, string>;

/** A Keras size (n or [h, w]) as the two numbers the editor shows; unreadable values show empty. */
export function sizePair(value: unknown): [number | null, number | null] {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2) {
    return [typeof value[0] === 'number' ? value[0] : null, typeof value[1] === 'number' ? value[1] : null];
  }
  return [null, null];
}

/** The value to store after editing one axis: a square size collapses back to one number, as Keras writes it. */
export function withAxis(value: unknown, axis: 0 | 1, n: number | null): number | [number | null, number | null] | null {
  const pair = sizePair(value);
  pair[axis] = n;
  if (pair[0] === null && pair[1] === null) return null;
  if (pair[0] !== null && pair[0] === pair[1]) return pair[0];
  return pair;
}

/** Value of a number input: null when empty or not a number (the schema then says what is expected). */
export function numberFromInput(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
