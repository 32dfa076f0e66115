/**
 * The built preload (dist/electron/preload.cjs) in a fresh `vm` context whose `require` knows only
 * 'electron' (as a sandboxed preload's), answered by a stand-in for contextBridge/ipcRenderer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_PRELOAD, ensureBuilt } from '../test-support/built-app.ts';
import { runPreloadInVm } from '../test-support/electron-stand-in/load-bundle.ts';
import { STAND_IN_NOTICE } from '../test-support/electron-stand-in/notice.ts';
import { createPreloadStandIn } from '../test-support/electron-stand-in/preload.ts';

interface Bridge {
  call(name: string, args: unknown): Promise<unknown>;
  subscribe(listener: (stream: string, payload: unknown) => void): () => void;
}

const ALLOWED_CHANNELS = new Set(['lab:call', 'lab:event']);

function loadPreload() {
  const standIn = createPreloadStandIn();
  const { required, context } = runPreloadInVm(BUILT_PRELOAD, standIn.electron);
  return { standIn, required, context };
}

beforeAll(async () => {
  console.info(STAND_IN_NOTICE);
  await ensureBuilt();
});

describe('preload bridge (electron stand-in: records calls; the real Electron runtime cannot be installed here)', () => {
  it('needs nothing but electron and exposes exactly labBridge.call and labBridge.subscribe', () => {
    const { standIn, required, context } = loadPreload();
    expect(required).toEqual(['electron']);
    expect(standIn.exposed.map((e) => e.key)).toEqual(['labBridge']);
    const bridge = standIn.exposed[0]?.api as Record<string, unknown>;
    expect(Reflect.ownKeys(bridge).sort()).toEqual(['call', 'subscribe']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.subscribe).toBe('function');
    for (const value of Object.values(bridge)) expect(value).not.toBe(standIn.ipcRenderer);
    // Nothing leaks into the context's globals either.
    expect(Object.keys(context)).toEqual([]);
  });

  it('call always invokes lab:call with the name and arguments and returns the main process answer', async () => {
    const { standIn } = loadPreload();
    const bridge = standIn.exposed[0]?.api as Bridge;
    standIn.invokeAnswers.push({ ok: true, result: { pong: true } });
    await expect(bridge.call('app.ping', { echo: 'hi' })).resolves.toEqual({ ok: true, result: { pong: true } });
    await bridge.call('lab:event', { sneaky: true });
    expect(standIn.ipcCalls.filter((c) => c.method === 'invoke')).toEqual([
      { method: 'invoke', channel: 'lab:call', args: ['app.ping', { echo: 'hi' }] },
      { method: 'invoke', channel: 'lab:call', args: ['lab:event', { sneaky: true }] },
    ]);
  });

  it('subscribe forwards (stream, payload) without the IPC event, and unsubscribes', () => {
    const { standIn } = loadPreload();
    const bridge = standIn.exposed[0]?.api as Bridge;
    const received: unknown[][] = [];
    const unsubscribe = bridge.subscribe((...args) => received.push(args));
    standIn.deliver('lab:event', 'runs.changed', { id: 'r1', change: 'updated' });
    standIn.deliver('some:other-channel', 'x', 1);
    expect(received).toEqual([['runs.changed', { id: 'r1', change: 'updated' }]]);
    unsubscribe();
    expect(standIn.listenerCount('lab:event')).toBe(0);
    standIn.deliver('lab:event', 'runs.changed', {});
    expect(received).toHaveLength(1);
    for (const used of standIn.ipcCalls) expect(ALLOWED_CHANNELS.has(used.channel), used.channel).toBe(true);
    expect(standIn.ipcCalls.some((c) => c.method === 'send')).toBe(false);
  });
});
