/** The web host in-process: real HTTP on 127.0.0.1, the real core, a temporary data folder. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabCore, type LabCore } from '../core.ts';
import { startWebHost, type WebHost } from './host.ts';

let host: WebHost;
let core: LabCore;
const base = mkdtempSync(join(tmpdir(), 'web-host-'));

beforeAll(async () => {
  const rendererDir = join(base, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  core = createLabCore({ name: 'MNIST Lab', version: '0.0.0-test', host: 'web' }, { dataDir: join(base, 'data'), mirrors: undefined });
  host = await startWebHost({ core, rendererDir, token: 'test-token' });
});

afterAll(async () => host?.close());

function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const auth = { Authorization: 'Bearer test-token', 'Content-Type': 'application/json' };

describe('web host', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=test-token$/);
  });

  it('serves the page with COOP/COEP/CSP and no token', async () => {
    const res = await raw('/', { headers: { Host: `127.0.0.1:${host.port}` } });
    expect(res.status).toBe(200);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(res.headers['content-security-policy']).toContain("'wasm-unsafe-eval'");
    expect(res.headers['content-security-policy']).not.toContain("'unsafe-eval'");
  });

  it('answers app.info with the data folder', async () => {
    const res = await raw('/api/app.info', { method: 'POST', headers: { ...auth, Host: `localhost:${host.port}` }, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, result: { dataDir: join(base, 'data'), host: 'web', version: '0.0.0-test' } });
  });

  it('refuses foreign Host headers, foreign origins, missing tokens, non-JSON and GET calls', async () => {
    const h = `127.0.0.1:${host.port}`;
    expect((await raw('/', { headers: { Host: 'evil.test' } })).status).toBe(403);
    expect((await raw('/api/app.ping', { method: 'POST', headers: { ...auth, Host: `127.0.0.1:${host.port + 1}` }, body: '{}' })).status).toBe(403);
    expect((await raw('/api/app.ping', { method: 'POST', headers: { ...auth, Host: h, Origin: 'http://evil.test' }, body: '{}' })).status).toBe(403);
    expect((await raw('/api/app.ping', { method: 'POST', headers: { Host: h, 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await raw('/api/app.ping', { method: 'POST', headers: { ...auth, Host: h, 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(400);
    expect((await raw('/api/app.ping', { method: 'POST', headers: { ...auth, Host: h }, body: '{oops' })).status).toBe(400);
    expect((await raw('/api/app.ping', { method: 'GET', headers: { ...auth, Host: h } })).status).toBe(400);
    // Over the JSON cap: 413 (it was a 400 before the limits had their own code).
    expect((await raw('/api/app.ping', { method: 'POST', headers: { ...auth, Host: h }, body: 'x'.repeat(2 << 20) })).status).toBe(413);
  });

  it('streams events to an authorised listener as JSON lines', async () => {
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, agent: false, path: '/api/events', headers: { ...auth, Host: `127.0.0.1:${host.port}` } },
        (res) => {
          res.on('data', (chunk: Buffer) => {
            lines.push(...chunk.toString().split('\n').filter(Boolean));
            if (lines.length === 1) core.events.emit('app.notice', { level: 'info', message: 'hello there' });
            if (lines.length >= 2) {
              req.destroy();
              resolve();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(lines[1] ?? '{}')).toEqual({ stream: 'app.notice', payload: { level: 'info', message: 'hello there' } });
  });
});
