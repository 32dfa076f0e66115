import type { IncomingMessage } from 'node:http';
import { MAX_BINARY_ARGUMENT } from '../api/define.ts';
import { ApiError } from '../api/errors.ts';

const MAX_JSON_BODY = 1 << 20;

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError('BAD_ARGUMENTS', `Request body over ${limit / 1024 / 1024} MiB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string, what: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('BAD_ARGUMENTS', `${what} is not valid JSON`);
  }
}

/**
 * A call's arguments: a JSON body (at most 1 MiB; empty = `{}`), or a binary body that becomes
 * the `bytes` argument, with the other arguments as JSON in the X-Lab-Args header.
 */
export async function readCallArguments(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (/^application\/json\b/i.test(type)) return parseJson((await readBody(request, MAX_JSON_BODY)).toString('utf8'), 'Request body');
  if (/^application\/octet-stream\b/i.test(type)) {
    const header = request.headers['x-lab-args'];
    const args = parseJson(decodeURIComponent(typeof header === 'string' ? header : ''), 'X-Lab-Args');
    if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new ApiError('BAD_ARGUMENTS', 'X-Lab-Args must be a JSON object');
    const body = await readBody(request, MAX_BINARY_ARGUMENT);
    return { ...args, bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  }
  throw new ApiError('BAD_ARGUMENTS', 'API calls take a JSON body (Content-Type: application/json) or binary data (application/octet-stream)');
}
