/**
 * Reading a call's arguments from a request, within limits: a declared Content-Length over the
 * call's allowance is refused before a byte is read, a streamed body is cut at the allowance,
 * and a body that ends early, is not UTF-8 or is not JSON is a BAD_REQUEST.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../api/errors.ts';

/** JSON arguments: the largest real call (runs.finish with 5 000 batch points) is under 0.5 MiB. */
export const MAX_JSON_BODY = 1 << 20;

function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 100) / 100} MiB`;
}

function tooLarge(what: string, limit: number): ApiError {
  return new ApiError('TOO_LARGE', `${what} is over the limit of ${mib(limit)}`);
}

function readBody(request: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(what, limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: ApiError): void => {
      request.removeAllListeners('data');
      request.pause();
      reject(error);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stop(tooLarge(what, limit));
      else chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', () => undefined);
    request.once('close', () => {
      if (!request.complete) stop(new ApiError('BAD_REQUEST', `${what} ended before its declared length`));
    });
  });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array | string, what: string): unknown {
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : strictUtf8.decode(bytes);
  } catch {
    throw new ApiError('BAD_REQUEST', `${what} is not valid UTF-8`);
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('BAD_REQUEST', `${what} is not valid JSON`);
  }
}

function labArgsHeader(request: IncomingMessage): Record<string, unknown> {
  const header = request.headers['x-lab-args'];
  let decoded: string;
  try {
    decoded = decodeURIComponent(typeof header === 'string' ? header : '');
  } catch {
    throw new ApiError('BAD_REQUEST', 'X-Lab-Args has a malformed percent escape');
  }
  const args = parseJson(decoded, 'X-Lab-Args');
  if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new ApiError('BAD_REQUEST', 'X-Lab-Args must be a JSON object');
  return args as Record<string, unknown>;
}

/**
 * A call's arguments: a JSON body (at most MAX_JSON_BODY; empty = `{}`), or — for a call with a
 * binary argument, at most `binaryAllowance` bytes — a binary body that becomes the `bytes`
 * argument, with the other arguments as URI-encoded JSON in the X-Lab-Args header.
 */
export async function readCallArguments(request: IncomingMessage, name: string, binaryAllowance: number): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (/^application\/json\b/i.test(type)) return parseJson(await readBody(request, MAX_JSON_BODY, 'The JSON body'), 'The request body');
  if (/^application\/octet-stream\b/i.test(type)) {
    if (binaryAllowance === 0) throw new ApiError('BAD_REQUEST', `${name} takes JSON arguments (application/json), not binary data`);
    const args = labArgsHeader(request);
    const body = await readBody(request, binaryAllowance, `The binary body of ${name}`);
    return { ...args, bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  }
  throw new ApiError('BAD_REQUEST', 'API calls take a JSON body (Content-Type: application/json) or binary data (application/octet-stream)');
}
