/**
 * The preload bridge: two verb-named methods on `window.labBridge`, never ipcRenderer itself.
 * The main process validates every call against the API table and checks the sender.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

type EventListener = (stream: string, payload: unknown) => void;

contextBridge.exposeInMainWorld('labBridge', {
  call: (name: string, args: unknown): Promise<unknown> => ipcRenderer.invoke('lab:call', name, args),
  subscribe: (listener: EventListener): (() => void) => {
    const forward = (_event: IpcRendererEvent, stream: string, payload: unknown): void => listener(stream, payload);
    ipcRenderer.on('lab:event', forward);
    return () => ipcRenderer.removeListener('lab:event', forward);
  },
});
