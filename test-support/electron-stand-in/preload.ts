/**
 * A recording double of what a sandboxed preload can reach: `require('electron')` with
 * contextBridge and ipcRenderer, and nothing else. The real renderer cannot run here.
 */
import { EventEmitter } from 'node:events';

export function createPreloadStandIn() {
  const exposed: { key: string; api: unknown }[] = [];
  const ipcCalls: { method: string; channel: string; args: unknown[] }[] = [];
  const emitter = new EventEmitter();
  const invokeAnswers: unknown[] = [];

  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      ipcCalls.push({ method: 'invoke', channel, args });
      return Promise.resolve(invokeAnswers.shift());
    },
    on(channel: string, listener: (...args: unknown[]) => void) {
      ipcCalls.push({ method: 'on', channel, args: [] });
      emitter.on(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      ipcCalls.push({ method: 'removeListener', channel, args: [] });
      emitter.removeListener(channel, listener);
      return ipcRenderer;
    },
    send(channel: string, ...args: unknown[]): void {
      ipcCalls.push({ method: 'send', channel, args });
    },
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        exposed.push({ key, api });
      },
    },
    ipcRenderer,
  };
  return {
    electron,
    ipcRenderer,
    exposed,
    ipcCalls,
    invokeAnswers,
    /** What the main process's webContents.send(channel, ...args) delivers: an IpcRendererEvent first. */
    deliver(channel: string, ...args: unknown[]): void {
      emitter.emit(channel, { sender: ipcRenderer, senderId: 0, ports: [] }, ...args);
    },
    listenerCount: (channel: string) => emitter.listenerCount(channel),
  };
}
