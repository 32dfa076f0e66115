/**
 * The web host: the built renderer and the lab API over HTTP on 127.0.0.1 only.
 *   GET  /…              static renderer files (no token: the page must load to read it)
 *   POST /api/<call>     JSON args → JSON result or binary (Uint8Array results)
 *   GET  /api/events     newline-delimited JSON event stream
 * Every /api request needs the per-launch token; every request needs an allowed Host header.
 * No request, however malformed, gets anything but a structured `{code, message}` error.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, isApiName } from '../api/contract.ts';
import { binaryAllowance } from '../api/define.ts';
import { ApiError } from '../api/errors.ts';
import type { LabCore } from '../core.ts';
import { mimeTypeFor, SECURITY_HEADERS } from '../security-headers.ts';
import { resolveStaticFile } from '../static-files.ts';
import { readCallArguments } from './body.ts';
import { answerClientError } from './client-error.ts';
import { checkHost, checkOrigin, checkToken } from './guards.ts';
import { sendError, sendJson } from './respond.ts';
import { API_PREFIX, callNameOf, targetPath } from './target.ts';

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

function serveStatic(rendererDir: string, path: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendError(request, response, new ApiError('NOT_FOUND', `${request.method} is not served here`));
    return;
  }
  const { 'content-length': length, 'transfer-encoding': encoding } = request.headers;
  if ((length !== undefined && length !== '0') || encoding !== undefined) {
    // Else the host would read and discard whatever the client claims to send.
    sendError(request, response, new ApiError('BAD_REQUEST', `${request.method} of a page takes no request body`));
    return;
  }
  const file = resolveStaticFile(rendererDir, path);
  if (!file) {
    sendError(request, response, new ApiError('NOT_FOUND', `No such file: ${path.slice(0, 200)}`));
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
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

function streamEvents(core: LabCore, response: ServerResponse, onClose: () => void): void {
  response.writeHead(200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  });
  response.write(`${JSON.stringify({ stream: 'hello', payload: {} })}\n`);
  const unlisten = core.events.listen((stream, payload) => {
    // Runs inside the emitting service: a page that cannot take the event must not fail it.
    try {
      response.write(`${JSON.stringify({ stream, payload })}\n`);
    } catch {
      response.destroy();
    }
  });
  const heartbeat = setInterval(() => response.write('\n'), 15_000);
  // The response's close (not the request's: that fires once the empty GET body is read).
  response.on('close', () => {
    clearInterval(heartbeat);
    unlisten();
    try {
      onClose();
    } catch (error) {
      process.stderr.write(`MNIST Lab: web host: after an event stream closed: ${(error as Error).message}\n`);
    }
  });
}

async function handleCall(core: LabCore, name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Refused before the body is read: unknown calls and wrong methods cost the host nothing.
  if (!isApiName(name)) throw new ApiError('UNKNOWN_CALL', `Unknown call ${JSON.stringify(name).slice(0, 80)}`);
  if (request.method !== 'POST') throw new ApiError('BAD_ARGUMENTS', `API calls use POST, not ${request.method}`);
  const args = await readCallArguments(request, name, binaryAllowance(api[name]));
  const result = await core.dispatch(name, args);
  if (result instanceof Uint8Array) {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' });
    response.end(result);
    return;
  }
  sendJson(response, { ok: true, result });
}

interface HostState {
  options: WebHostOptions;
  token: string;
  port: number;
  openStreams: number;
}

async function handleRequest(state: HostState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  for (const [header, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(header, value);
  const hostError = checkHost(request, state.port);
  if (hostError) return sendError(request, response, hostError);
  const path = targetPath(request.url);
  if (!path.startsWith(API_PREFIX)) return serveStatic(state.options.rendererDir, path, request, response);
  const guardError = checkOrigin(request, state.port) ?? checkToken(request, state.token);
  if (guardError) return sendError(request, response, guardError);
  const name = callNameOf(path);
  if (name === 'events' && request.method === 'GET') {
    state.openStreams++;
    // When the last page is gone (closed or reloaded) its worker died with it, and so did its training.
    return streamEvents(state.options.core, response, () => --state.openStreams === 0 && state.options.core.runs.interruptActive());
  }
  await handleCall(state.options.core, name, request, response);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const state: HostState = { options, token, port: 0, openStreams: 0 };
  const server: Server = createServer((request, response) => {
    // The one guard every request passes through: nothing thrown below may reach the event loop.
    handleRequest(state, request, response).catch((error: unknown) => sendError(request, response, error));
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  // After listen, 'error' means e.g. EMFILE on accept under a connection flood: report it and keep
  // serving (an 'error' without a listener would end the process).
  server.removeAllListeners('error');
  server.on('error', (error: NodeJS.ErrnoException) => process.stderr.write(`MNIST Lab: web host: ${error.code ?? error.message}\n`));
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
