/**
 * What the Draw panel needs from the "My handwriting" set, and the binding to the lab API
 * (calls handwriting.list / .save / .delete; pixels cross the API as base64).
 */
import type { HandwritingItem } from '../../../electron/api/contracts/handwriting.ts';
import { MNIST_PIXELS } from './preprocess.ts';

/** A saved drawing, decoded for the renderer. */
export interface SavedDigit {
  id: string;
  label: number;
  /** [28 × 28] bytes 0–255, white ink on black */
  pixels: Uint8Array;
  createdAt: string;
}

export interface HandwritingApi {
  list(): Promise<SavedDigit[]>;
  save(label: number, pixels: Uint8Array): Promise<SavedDigit>;
  remove(id: string): Promise<void>;
}

/** The item as the API sends it (pixels as base64). */
export type HandwritingWireItem = HandwritingItem;

export type HandwritingCallName = 'handwriting.list' | 'handwriting.save' | 'handwriting.delete';
export type HandwritingCall = (name: HandwritingCallName, args: Record<string, unknown>) => Promise<unknown>;

export function encodePixels(pixels: Uint8Array): string {
  let binary = '';
  for (const byte of pixels) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function decodePixels(base64: string): Uint8Array {
  const pixels = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  if (pixels.length !== MNIST_PIXELS) throw new Error(`a saved drawing has ${pixels.length} bytes, expected ${MNIST_PIXELS}`);
  return pixels;
}

function decodeItem(item: HandwritingWireItem): SavedDigit {
  return { id: item.id, label: item.label, pixels: decodePixels(item.pixels), createdAt: item.createdAt };
}

/** Binds the panel's `handwriting` prop to the lab client, e.g. `(name, args) => lab.call(name, args as never)`. */
export function handwritingApiFrom(call: HandwritingCall): HandwritingApi {
  return {
    list: async () => ((await call('handwriting.list', {})) as HandwritingWireItem[]).map(decodeItem),
    save: async (label, pixels) => decodeItem((await call('handwriting.save', { label, pixels: encodePixels(pixels) })) as HandwritingWireItem),
    remove: async (id) => {
      await call('handwriting.delete', { id });
    },
  };
}
