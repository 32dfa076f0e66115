/**
 * The IPC handler registry, derived from the API table through the shared dispatcher. It drops
 * calls from any sender that is not the main frame of a window we created on our own origin,
 * and answers every call with the same `{ok, result | error}` envelope as the web host.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { ApiError, toErrorBody } from '../api/errors.ts';
import type { LabCore } from '../core.ts';
import { isAppUrl } from './protocol.ts';

export const CALL_CHANNEL = 'lab:call';
export const EVENT_CHANNEL = 'lab:event';

/** By identity, or by process and routing id should Electron hand out a fresh WebFrameMain object. */
function isMainFrameOf(frame: WebFrameMain, window: BrowserWindow): boolean {
  const main = window.webContents.mainFrame;
  if (frame.parent !== null) return false;
  return frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
}

export class IpcRegistry {
  private readonly windows = new Set<BrowserWindow>();

  constructor(private readonly core: LabCore) {
    ipcMain.handle(CALL_CHANNEL, (event, name: unknown, args: unknown) => this.handle(event, name, args));
    core.events.listen((stream, payload) => {
      for (const window of this.windows) {
        if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, stream, payload);
      }
    });
  }

  trust(window: BrowserWindow): void {
    this.windows.add(window);
    window.on('closed', () => this.windows.delete(window));
  }

  private isTrustedSender(event: IpcMainInvokeEvent): boolean {
    const frame = event.senderFrame;
    if (!frame) return false;
    const window = [...this.windows].find((w) => !w.isDestroyed() && w.webContents === event.sender);
    if (!window || !isMainFrameOf(frame, window)) return false;
    return isAppUrl(frame.url);
  }

  private async handle(event: IpcMainInvokeEvent, name: unknown, args: unknown): Promise<unknown> {
    if (!this.isTrustedSender(event)) {
      return { ok: false, error: new ApiError('FORBIDDEN', 'Call from an untrusted frame refused').toBody() };
    }
    try {
      return { ok: true, result: await this.core.dispatch(name, args) };
    } catch (error) {
      return { ok: false, error: toErrorBody(error) };
    }
  }
}
