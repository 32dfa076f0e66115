/**
 * The web host: the built renderer and the lab API over HTTP on 127.0.0.1 only.
 *   GET  /…              static renderer files (no token: the page must load to read it)
 *   POST /api/<call>     JSON args → JSON result or binary (Uint8Array results)
 *   GET  /api/events     newline-delimited JSON event stream
 * Every /api request needs the per-launch token; every request needs an allowed Host header.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, httpStatusFor, toErrorBody } from '../api/errors.ts';
import type { LabCore } from '../core.ts';
import { mimeTypeFor, SECURITY_HEADERS } from '../security-headers.ts';
import { resolveStaticFile } from '../static-files.ts';
import { readCallArguments } from './body.ts';
import { checkHost, checkOrigin, checkToken } from './guards.ts';

export interface WebHostOptions {
  core: LabCore;
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface WebHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const API_PREFIX = '/api/';

function sendError(response: ServerResponse, error: unknown): void {
  const body = toErrorBody(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(httpStatusFor(body.code), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify({ ok: false, error: body }));
}

function serveStatic(rendererDir: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendError(response, new ApiError('NOT_FOUND', `${request.method} is not served here`));
    return;
  }
  const file = resolveStaticFile(rendererDir, new URL(request.url ?? '/', 'http://x').pathname);
  if (!file) {
    sendError(response, new ApiError('NOT_FOUND', `No such file: ${request.url}`));
    return;
  }
  response.writeHead(200, {
    'Content-Type': mimeTypeFor(file),
    'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

function streamEvents(core: LabCore, response: ServerResponse, onClose: () => void): void {
  response.writeHead(200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  });
  response.write(`${JSON.stringify({ stream: 'hello', payload: {} })}\n`);
  const unlisten = core.events.listen((stream, payload) => {
    response.write(`${JSON.stringify({ stream, payload })}\n`);
  });
  const heartbeat = setInterval(() => response.write('\n'), 15_000);
  // The response's close (not the request's: that fires once the empty GET body is read).
  response.on('close', () => {
    clearInterval(heartbeat);
    unlisten();
    onClose();
  });
}

async function handleCall(core: LabCore, name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'POST') throw new ApiError('BAD_ARGUMENTS', `API calls use POST, not ${request.method}`);
  const args = await readCallArguments(request);
  const result = await core.dispatch(name, args);
  if (result instanceof Uint8Array) {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' });
    response.end(result);
    return;
  }
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify({ ok: true, result }));
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  let openStreams = 0;
  const server: Server = createServer((request, response) => {
    for (const [header, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(header, value);
    const hostError = checkHost(request, port);
    if (hostError) return sendError(response, hostError);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (!path.startsWith(API_PREFIX)) return serveStatic(options.rendererDir, request, response);
    const guardError = checkOrigin(request, port) ?? checkToken(request, token);
    if (guardError) return sendError(response, guardError);
    const name = decodeURIComponent(path.slice(API_PREFIX.length));
    if (name === 'events' && request.method === 'GET') {
      openStreams++;
      // When the last page is gone (closed or reloaded) its worker died with it, and so did its training.
      return streamEvents(options.core, response, () => --openStreams === 0 && options.core.runs.interruptActive());
    }
    handleCall(options.core, name, request, response).catch((error: unknown) => sendError(response, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
