/**
 * API calls of the "My handwriting" set: the learner's own labelled 28×28 drawings, kept by the
 * main process in the data folder. Pure module (zod only): the renderer imports it too.
 */
import { z } from 'zod';
import { call } from '../define.ts';

export const HANDWRITING_PIXELS = 784;
/** Base64 length of 784 bytes (with padding). */
const PIXELS_BASE64_LENGTH = Math.ceil(HANDWRITING_PIXELS / 3) * 4;

/** One saved drawing as it crosses the API (JSON): pixels are base64 of 784 bytes, white on black. */
export interface HandwritingItem {
  id: string;
  /** The digit the learner says it is, 0–9. */
  label: number;
  /** Base64 of [28 × 28] bytes 0–255, row-major, white ink on black (MNIST convention). */
  pixels: string;
  /** ISO 8601 time of saving. */
  createdAt: string;
}

const saveArgs = z
  .object({
    label: z.number().int().min(0).max(9),
    pixels: z.base64().length(PIXELS_BASE64_LENGTH, `pixels must be base64 of exactly ${HANDWRITING_PIXELS} bytes`),
  })
  .strict();
const deleteArgs = z.object({ id: z.string().min(1).max(100) }).strict();

export const handwritingCalls = {
  'handwriting.list': call(z.object({}).strict()).returns<HandwritingItem[]>(),
  'handwriting.save': call(saveArgs).returns<HandwritingItem>(),
  'handwriting.delete': call(deleteArgs).returns<{ id: string }>(),
} as const;

export type HandwritingSaveArgs = z.output<typeof saveArgs>;
export type HandwritingDeleteArgs = z.output<typeof deleteArgs>;
