/**
 * Each request that once crashed the web host or answered 500, and each body limit, over a raw
 * socket against the real host: a structured 4xx, and the host answers the next call.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, sendRaw, type RawReply } from '../../test-support/raw-http.ts';
import { startTestWebHost, TEST_TOKEN, type TestWebHost } from '../../test-support/lab-web-host.ts';
import { MAX_BINARY_ARGUMENT } from '../api/define.ts';
import { MAX_JSON_BODY } from './body.ts';
import { startWebHost } from './host.ts';

let lab: TestWebHost;
let hostHeader: string;

beforeAll(async () => {
  lab = await startTestWebHost();
  hostHeader = `Host: 127.0.0.1:${lab.host.port}`;
});
afterAll(async () => lab?.stop());
afterEach(async () => {
  expect(await lab.ping()).toEqual({ status: 200, echo: 'alive' });
});

function errorOf(reply: RawReply): { code: string; message: string } {
  const body = JSON.parse(reply.body) as { ok: boolean; error: { code: string; message: string } };
  expect(body.ok).toBe(false);
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

function post(name: string, headers: string[], body: string | Buffer = ''): (string | Buffer)[] {
  return rawRequest([`POST /api/${name} HTTP/1.1`, hostHeader, `Authorization: Bearer ${TEST_TOKEN}`, ...headers], body);
}

describe('requests that used to crash the web host', () => {
  it('a request target the URL parser rejects ("//") is a 400 before the token check', async () => {
    for (const target of ['//', '///', '//x/y', '//api/app.ping']) {
      const reply = await sendRaw(lab.host.port, rawRequest([`GET ${target} HTTP/1.1`, hostHeader]));
      expect(reply.status, target).toBeLessThan(500);
      expect(await lab.ping()).toMatchObject({ status: 200 });
    }
    const reply = await sendRaw(lab.host.port, rawRequest(['GET * HTTP/1.1', hostHeader]));
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe('BAD_REQUEST');
  });

  it('a malformed percent escape in the call name is a 400 BAD_REQUEST', async () => {
    for (const name of ['%', '%E0%A4%A', 'app.%zzping', '%C0%80']) {
      const reply = await sendRaw(lab.host.port, post(name, ['Content-Type: application/json', 'Content-Length: 2'], '{}'));
      expect(reply.status, name).toBe(400);
      expect(errorOf(reply).code).toBe('BAD_REQUEST');
    }
  });

  it('a malformed percent escape in X-Lab-Args is a 400, not a 500', async () => {
    const reply = await sendRaw(
      lab.host.port,
      post('dataset.importArchive', ['Content-Type: application/octet-stream', 'X-Lab-Args: %7B%22name%22%3A%', 'Content-Length: 4'], 'abcd'),
    );
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('X-Lab-Args') as unknown });
  });

  it('a deeply nested spec is refused as TOO_LARGE before the size check walks it', async () => {
    const depth = 100_000;
    const body = `{"spec":${'['.repeat(depth)}${']'.repeat(depth)},"settings":{}}`;
    expect(body.length).toBeLessThan(MAX_JSON_BODY);
    const reply = await sendRaw(lab.host.port, post('runs.create', ['Content-Type: application/json', `Content-Length: ${body.length}`], body));
    expect(reply.status).toBe(413);
    expect(errorOf(reply)).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('nest deeper') as unknown });
  });
});

describe('body limits', () => {
  it('refuses a declared Content-Length over the JSON cap with 413 before any body byte arrives', async () => {
    const reply = await sendRaw(lab.host.port, post('app.ping', ['Content-Type: application/json', `Content-Length: ${MAX_JSON_BODY + 1}`]));
    expect(reply.status).toBe(413);
    expect(reply.headers['connection']).toBe('close');
    expect(errorOf(reply).code).toBe('TOO_LARGE');
  });

  it('refuses a declared binary body over the call allowance with 413 before reading it', async () => {
    const reply = await sendRaw(
      lab.host.port,
      post('dataset.importArchive', ['Content-Type: application/octet-stream', `X-Lab-Args: ${encodeURIComponent('{"name":"x"}')}`, `Content-Length: ${MAX_BINARY_ARGUMENT + 1}`]),
    );
    expect(reply.status).toBe(413);
    expect(errorOf(reply).code).toBe('TOO_LARGE');
  });

  it('cuts a chunked JSON body at the cap', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunks: (string | Buffer)[] = [`POST /api/app.ping HTTP/1.1\r\n${hostHeader}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`];
    for (let sent = 0; sent <= MAX_JSON_BODY + chunk.length; sent += chunk.length) chunks.push(`${chunk.length.toString(16)}\r\n`, chunk, '\r\n');
    const reply = await sendRaw(lab.host.port, chunks);
    expect(reply.status).toBe(413);
    expect(errorOf(reply).code).toBe('TOO_LARGE');
  });

  it('a page request with a body is refused without reading it', async () => {
    const reply = await sendRaw(lab.host.port, rawRequest(['GET / HTTP/1.1', hostHeader, `Content-Length: ${1e12}`]));
    expect(reply.status).toBe(400);
    expect(reply.headers['connection']).toBe('close');
    expect(errorOf(reply).code).toBe('BAD_REQUEST');
  });

  it('a call without a binary argument takes no binary body', async () => {
    const reply = await sendRaw(lab.host.port, post('app.ping', ['Content-Type: application/octet-stream', 'Content-Length: 3'], 'abc'));
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('app.ping takes JSON') as unknown });
  });

  it('refuses a JSON body that is not UTF-8, and unknown calls before reading their body', async () => {
    const invalid = Buffer.from([0x7b, 0x22, 0x65, 0x63, 0x68, 0x6f, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
    const reply = await sendRaw(lab.host.port, post('app.ping', ['Content-Type: application/json', `Content-Length: ${invalid.length}`], invalid));
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('UTF-8') as unknown });
    const unknown = await sendRaw(lab.host.port, post('fs.readFile', ['Content-Type: application/json', 'Content-Length: 999999999']));
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('UNKNOWN_CALL');
  });

  it('a body that ends before its declared length leaves the host serving', async () => {
    const reply = await sendRaw(lab.host.port, post('app.ping', ['Content-Type: application/json', 'Content-Length: 100'], '{"echo":'), { hangUpAfterMs: 50 });
    expect(reply.status).toBeUndefined();
  });

  it('answers what the HTTP parser refuses with a structured error (clientError)', async () => {
    const badChunk = await sendRaw(lab.host.port, [
      `POST /api/app.ping HTTP/1.1\r\n${hostHeader}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    ]);
    expect(badChunk.status).toBe(400);
    expect(errorOf(badChunk).code).toBe('BAD_REQUEST');
    const flood = await sendRaw(lab.host.port, rawRequest(['GET / HTTP/1.1', hostHeader, ...Array.from({ length: 2000 }, (_, i) => `X-Flood-${i}: ${'y'.repeat(20)}`)]));
    expect(flood.status).toBe(431);
    expect(errorOf(flood).code).toBe('TOO_LARGE');
  });
});

describe('the guard around every handler', () => {
  it('turns a handler that throws synchronously into a 500 INTERNAL and keeps serving', async () => {
    // A stand-in core whose dispatch throws before returning a promise: any handler bug.
    const dispatch = (): Promise<unknown> => {
      throw new TypeError('handler bug');
    };
    const throwingCore = { ...lab.core, dispatch };
    const broken = await startWebHost({ core: throwingCore, rendererDir: lab.base, token: TEST_TOKEN });
    try {
      for (let i = 0; i < 3; i++) {
        const head = ['POST /api/app.ping HTTP/1.1', `Host: 127.0.0.1:${broken.port}`, `Authorization: Bearer ${TEST_TOKEN}`];
        const reply = await sendRaw(broken.port, rawRequest([...head, 'Content-Type: application/json', 'Content-Length: 2'], '{}'));
        expect(reply.status).toBe(500);
        expect(errorOf(reply)).toEqual({ code: 'INTERNAL', message: 'Internal error: handler bug' });
      }
    } finally {
      await broken.close();
    }
  });
});
