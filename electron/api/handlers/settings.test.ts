/**
 * The settings calls over real HTTP on 127.0.0.1 (the web host with the real core and a temporary
 * data folder): defaults, a change that lasts across a restart, validation errors, and a run whose
 * per-epoch weights follow the cap set through the API.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import { createLabCore } from '../../core.ts';
import { sampleModelBlob } from '../../services/runs/test-blob.ts';
import { startWebHost, type WebHost } from '../../web/host.ts';

const TOKEN = 'settings-token';
const hosts: WebHost[] = [];

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function startHost(dataDir: string): Promise<WebHost> {
  const rendererDir = join(dataDir, '..', 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const core = createLabCore({ name: 'MNIST Lab', version: '0.0.0-test', host: 'web' }, { dataDir, mirrors: undefined });
  const host = await startWebHost({ core, rendererDir, token: TOKEN });
  hosts.push(host);
  return host;
}

interface Reply {
  status: number;
  json: { ok: boolean; result?: unknown; error?: { code: string; message: string } };
}

/** One API call as raw HTTP: a JSON body, or binary `bytes` with the other arguments in X-Lab-Args. */
function post(host: WebHost, name: string, args: unknown, bytes?: Uint8Array): Promise<Reply> {
  const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}`, Host: `127.0.0.1:${host.port}` };
  if (bytes) Object.assign(headers, { 'Content-Type': 'application/octet-stream', 'X-Lab-Args': encodeURIComponent(JSON.stringify(args)) });
  else headers['Content-Type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: `/api/${name}`, method: 'POST', headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) as Reply['json'] }));
    });
    req.on('error', reject);
    req.end(bytes ?? JSON.stringify(args));
  });
}

const tempDataDir = () => join(mkdtempSync(join(tmpdir(), 'settings-api-')), 'data');

describe('settings API over HTTP', () => {
  it('answers the defaults, keeps a change across a restart, and refuses bad values with a clear 400', async () => {
    const dataDir = tempDataDir();
    let host = await startHost(dataDir);
    expect(await post(host, 'settings.get', {})).toEqual({ status: 200, json: { ok: true, result: { epochWeightsCapMB: 256 } } });
    expect(await post(host, 'settings.set', { epochWeightsCapMB: 1024 })).toEqual({ status: 200, json: { ok: true, result: { epochWeightsCapMB: 1024 } } });

    for (const [args, message] of [
      [{ epochWeightsCapMB: -1 }, /epochWeightsCapMB: epochWeightsCapMB must be at least 0 MB/],
      [{ epochWeightsCapMB: 1e9 }, /at most 65536 MB \(64 GB\) per run/],
      [{ epochWeightsCapMB: 2.5 }, /whole number of MB/],
      [{ epochWeightsCapMB: '512' }, /must be a number of MB/],
      [{ epochWeightsCapMB: null }, /must be a number of MB/],
      [{ maxEpochWeightBytes: 5 }, /maxEpochWeightBytes/],
    ] as const) {
      const reply = await post(host, 'settings.set', args);
      expect(reply.status).toBe(400);
      expect(reply.json.error).toMatchObject({ code: 'BAD_ARGUMENTS', message: expect.stringMatching(message) as unknown });
    }
    expect((await post(host, 'settings.get', { extra: 1 })).status).toBe(400);

    await host.close();
    hosts.length = 0;
    host = await startHost(dataDir);
    expect((await post(host, 'settings.get', {})).json.result).toEqual({ epochWeightsCapMB: 1024 });
  });

  it('a run recorded over HTTP keeps epochs up to the cap set in Settings, and its summary says so', async () => {
    const host = await startHost(tempDataDir());
    // Each blob is just over 0.6 MB: a 1 MB cap holds one epoch.
    const blob = (epoch: number) => sampleModelBlob(640 * 1024, epoch);
    expect((await post(host, 'settings.set', { epochWeightsCapMB: 1 })).status).toBe(200);
    const spec = presetSpec('chollet-ch2');
    spec.fit.epochs = 3;
    const created = await post(host, 'runs.create', { spec, settings: { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: '0.1.0' } });
    const { id } = created.json.result as { id: string };
    for (let epoch = 1; epoch <= 3; epoch++) {
      const metrics = { epoch, loss: 1 / epoch, acc: 0.9, val_loss: null, val_acc: null, seconds: 1 };
      expect((await post(host, 'runs.epoch', { id, epoch: metrics })).status).toBe(200);
      expect((await post(host, 'runs.checkpoint', { id, epoch }, blob(epoch))).json).toMatchObject({ ok: true, result: { id, epoch } });
    }
    const summary = (await post(host, 'runs.get', { id })).json.result as { epochsKept: number[]; epochsKeptNote: string | null };
    expect(summary.epochsKept).toEqual([1, 3]);
    expect(summary.epochsKeptNote).toBe('Kept epochs 1 and 3 of 3: the 1 MB cap per run was reached; change it in Settings.');
  });
});
