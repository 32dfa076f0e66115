/** The export calls: where the file goes is the user's choice in the host's dialog, never the renderer's. */
import type { Handlers } from '../dispatch.ts';
import { ApiError } from '../errors.ts';

export interface ExportHostCapabilities {
  /** Asks the user where to save (Electron: a save dialog) and writes the bytes there atomically. */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | undefined>;
}

export function createExportHandlers(host: ExportHostCapabilities): Pick<Handlers, 'exports.save'> {
  return {
    'exports.save': async ({ suggestedName, bytes }) => {
      if (!host.saveFile) throw new ApiError('NOT_AVAILABLE', 'This host has no save dialog: download the file in the browser instead');
      const path = await host.saveFile(suggestedName, bytes);
      return path === undefined ? { saved: false as const } : { saved: true as const, path };
    },
  };
}
