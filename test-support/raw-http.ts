/**
 * HTTP over a bare TCP socket (node:net) for tests that must send what fetch and node:http
 * would never produce: broken request lines, bad escapes, lying Content-Length, bad chunking.
 */
import { connect } from 'node:net';

export interface RawReply {
  /** HTTP status of the first response, undefined when none came before the socket closed. */
  status: number | undefined;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from connect to the answer (or to giving up). */
  elapsedMs: number;
}

export interface RawSendOptions {
  /** Give up waiting for an answer after this long (the case may be one the host waits on). */
  waitMs?: number;
  /** Close our side this long after writing (a client that vanishes mid-request). */
  hangUpAfterMs?: number;
}

function parseReply(data: Buffer, bodyless: boolean): Omit<RawReply, 'elapsedMs'> | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const [statusLine = '', ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  let body: Buffer | undefined = data.subarray(headEnd + 4);
  if (bodyless) body = Buffer.alloc(0);
  else if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    body = body.length < length ? undefined : body.subarray(0, length);
  }
  if (!body) return undefined;
  return { status: Number.isFinite(status) ? status : undefined, headers, body: body.toString('utf8') };
}

/** A complete chunked body, or undefined while its last chunk has not arrived. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** Writes `chunks` in order on a fresh connection and reads the first response, if one comes. */
export function sendRaw(port: number, chunks: (string | Buffer)[], options: RawSendOptions = {}): Promise<RawReply> {
  const started = Date.now();
  // Answers to HEAD carry headers only, whatever their Content-Length says.
  const bodyless = /^HEAD /.test(chunks[0]?.toString('latin1') ?? '');
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const reply = parseReply(received, bodyless) ?? { status: undefined, headers: {}, body: received.toString('utf8') };
      resolve({ ...reply, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(finish, options.waitMs ?? 2000);
    socket.on('connect', () => {
      for (const chunk of chunks) {
        if (!socket.writable) break;
        socket.write(chunk);
      }
      if (options.hangUpAfterMs !== undefined) setTimeout(finish, options.hangUpAfterMs);
    });
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      if (parseReply(received, bodyless)) finish();
    });
    // The host may reset a connection it refused while we were still writing: that is an answer too.
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

/** A well-formed request: head lines joined with CRLF, the blank line, then the body. */
export function rawRequest(head: string[], body: string | Buffer = ''): (string | Buffer)[] {
  return [`${head.join('\r\n')}\r\n\r\n`, body];
}
