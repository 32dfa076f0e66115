/** Writing the web host's answers; none of these may throw, whatever state the socket is in. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpStatusFor, toErrorBody } from '../api/errors.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

export function sendJson(response: ServerResponse, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(200, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * `{ok: false, error: {code, message}}` with the code's HTTP status. When the request body was
 * not read to its end (refused early, cut at a limit), the connection closes after the answer
 * instead of draining what may be gigabytes.
 */
export function sendError(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  try {
    if (response.destroyed || response.writableEnded) return;
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const body = toErrorBody(error);
    const text = JSON.stringify({ ok: false, error: body });
    const headers = { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text), ...(request.complete ? {} : { Connection: 'close' }) };
    response.writeHead(httpStatusFor(body.code), headers);
    response.end(text);
  } catch {
    response.destroy();
  }
}
