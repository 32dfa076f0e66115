/** The "My handwriting" calls, served by the handwriting service. */
import type { HandwritingService } from '../../services/handwriting.ts';
import type { HandwritingDeleteArgs, HandwritingItem, HandwritingSaveArgs } from '../contracts/handwriting.ts';

export function decodePixels(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Handlers for `handwritingCalls`, to spread into the core's handler table. */
export function createHandwritingHandlers(service: HandwritingService) {
  return {
    'handwriting.list': (): HandwritingItem[] => service.list(),
    'handwriting.save': ({ label, pixels }: HandwritingSaveArgs): HandwritingItem => service.add(label, decodePixels(pixels)),
    'handwriting.delete': ({ id }: HandwritingDeleteArgs): { id: string } => {
      service.remove(id);
      return { id };
    },
  };
}
