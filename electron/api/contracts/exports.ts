/** Saving an exported model: the main process asks where (a save dialog) and writes atomically. */
import { z } from 'zod';
import { binary, call } from '../define.ts';

export const exportCalls = {
  /** Desktop only; the web host offers the same bytes as a browser download instead. */
  'exports.save': call(
    z
      .object({
        suggestedName: z.string().regex(/^[\w .()-]{1,100}\.zip$/, 'a plain file name ending in .zip'),
        bytes: binary(),
      })
      .strict(),
  ).returns<{ saved: false } | { saved: true; path: string }>(),
} as const;
