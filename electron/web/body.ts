import type { IncomingMessage } from 'node:http';
import { ApiError } from '../api/errors.ts';

const MAX_JSON_BODY = 1 << 20;

/** Reads a JSON request body (at most 1 MiB); an empty body is `{}`. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError('BAD_ARGUMENTS', 'API calls take a JSON body (Content-Type: application/json)');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) throw new ApiError('BAD_ARGUMENTS', 'Request body over 1 MiB');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('BAD_ARGUMENTS', 'Request body is not valid JSON');
  }
}
