/** The real web host in-process for tests: the real core, a temporary data folder, loopback HTTP. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLabCore, type LabCore } from '../electron/core.ts';
import { startWebHost, type WebHost } from '../electron/web/host.ts';

export const TEST_TOKEN = 'test-token-0123456789';

export interface TestWebHost {
  host: WebHost;
  core: LabCore;
  base: string;
  /** An authenticated `app.ping` over node:http: the host is alive when it answers `pong`. */
  ping(echo?: string): Promise<{ status: number; echo: string | undefined }>;
  stop(): Promise<void>;
}

export async function startTestWebHost(): Promise<TestWebHost> {
  const base = mkdtempSync(join(tmpdir(), 'web-host-'));
  const rendererDir = join(base, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const core = createLabCore({ name: 'MNIST Lab', version: '0.0.0-test', host: 'web' }, { dataDir: join(base, 'data'), mirrors: undefined });
  const host = await startWebHost({ core, rendererDir, token: TEST_TOKEN });
  const ping = (echo = 'alive') =>
    new Promise<{ status: number; echo: string | undefined }>((resolve, reject) => {
      const body = JSON.stringify({ echo });
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/app.ping',
          method: 'POST',
          agent: false,
          headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => {
            const reply = JSON.parse(text) as { result?: { echo?: string } };
            resolve({ status: res.statusCode ?? 0, echo: reply.result?.echo });
          });
        },
      );
      req.setTimeout(5000, () => req.destroy(new Error('ping timed out')));
      req.on('error', reject);
      req.end(body);
    });
  return {
    host,
    core,
    base,
    ping,
    async stop() {
      await host.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
