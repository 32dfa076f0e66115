/**
 * Opens the layer-by-layer view for any image, from any panel (Data browser, confusion-matrix
 * gallery, mistakes list) without threading props through each: the app provides one hub in a
 * Svelte context, a panel asks for it with insideHub() and calls open().
 */
import { getContext, setContext } from 'svelte';
import type { MistakeFilter } from './mistakes-filter.ts';
import type { ExplainImage, SaliencyOf } from './types.ts';

export interface InsideModel {
  explain: ExplainImage;
  saliencyOf: SaliencyOf;
  /** changes when the model does */
  key: unknown;
}

export class InsideHub {
  /** the image being looked inside, or undefined (the dialog is closed) */
  target = $state.raw<{ image: Uint8Array; title: string } | undefined>();

  /** which mistakes the Evaluate panel's list shows (a confusion-matrix cell can set it) */
  mistakeFilter = $state.raw<MistakeFilter>({ actual: undefined, predicted: undefined });

  constructor(private readonly current: () => InsideModel | undefined) {}

  /** the model that answers, or undefined while none can (none trained, or a run training its first epoch) */
  get model(): InsideModel | undefined {
    return this.current();
  }

  /** @param image [784] bytes; copied, so the caller's array may change */
  open(image: Uint8Array, title: string): void {
    this.target = { image: image.slice(), title };
  }

  close(): void {
    this.target = undefined;
  }
}

const KEY = Symbol('inside-hub');

export function provideInsideHub(hub: InsideHub): void {
  setContext(KEY, hub);
}

/** The app's hub; undefined where none is provided (a panel rendered on its own, in a test). */
export function insideHub(): InsideHub | undefined {
  return getContext<InsideHub | undefined>(KEY);
}
