/**
 * Raw-socket fuzzing of the real web host on loopback (node:net: fetch and node:http normalise
 * exactly what an attacker would not). After every case the host must still answer an
 * authenticated call, and whatever it answered must be a structured error below 500.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedCases, handWrittenCases, type FuzzCase } from '../../test-support/http-fuzz-cases.ts';
import { sendRaw, type RawReply } from '../../test-support/raw-http.ts';
import { startTestWebHost, TEST_TOKEN, type TestWebHost } from '../../test-support/lab-web-host.ts';

const SEED = 20_261_201;
const GENERATED = 320;

let lab: TestWebHost;

beforeAll(async () => {
  lab = await startTestWebHost();
});
afterAll(async () => lab?.stop());

function checkAnswer(c: FuzzCase, reply: RawReply): void {
  if (reply.status === undefined || reply.status < 200) return;
  expect(reply.status, `${c.name}: ${reply.body.slice(0, 200)}`).toBeLessThan(500);
  if (reply.status < 400 || reply.body === '') return;
  const body = JSON.parse(reply.body) as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  expect(body.ok, c.name).toBe(false);
  expect(typeof body.error?.code, c.name).toBe('string');
  expect(typeof body.error?.message, c.name).toBe('string');
}

describe('web host under malformed requests', () => {
  it('answers an authenticated call after every one of hundreds of malformed requests', async () => {
    const target = { port: lab.host.port, token: TEST_TOKEN };
    const cases = [...handWrittenCases(target), ...generatedCases(target, SEED, GENERATED)];
    expect(cases.length).toBeGreaterThan(400);
    const statuses = new Map<string, number>();
    for (const [index, c] of cases.entries()) {
      const options = c.hangUpAfterMs === undefined ? { waitMs: 1500 } : { waitMs: 1500, hangUpAfterMs: c.hangUpAfterMs };
      const reply = await sendRaw(lab.host.port, c.chunks, options);
      checkAnswer(c, reply);
      const key = String(reply.status ?? 'no answer');
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      expect(await lab.ping(`case ${index}`), `host after ${c.name}`).toEqual({ status: 200, echo: `case ${index}` });
    }
    // Refused with a reason, not dropped: only the cases that hang up, CONNECT and Upgrade go unanswered.
    expect(statuses.get('no answer') ?? 0).toBeLessThan(40);
    console.info(`${cases.length} cases, host alive (answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')})`);
  });

  it('answers while 200 connections hang half-way through their headers or bodies', async () => {
    const sockets: Socket[] = [];
    const slowHeaders = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ';
    const slowBody = `POST /api/app.ping HTTP/1.1\r\nHost: 127.0.0.1:${lab.host.port}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`;
    const hang = (payload: string): Promise<void> =>
      new Promise((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: lab.host.port }, () => {
          socket.write(payload);
          resolve();
        });
        socket.on('error', () => undefined);
        sockets.push(socket);
      });
    try {
      await Promise.all(Array.from({ length: 200 }, (_, i) => hang(i % 2 ? slowHeaders : slowBody)));
      expect(await lab.ping('under load')).toEqual({ status: 200, echo: 'under load' });
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    expect(await lab.ping('after load')).toEqual({ status: 200, echo: 'after load' });
  });
});
