/**
 * Requests Node's HTTP parser refuses (bad request line, headers, chunked encoding, oversized
 * headers, timeouts) never reach the request handler; they get the same structured error here.
 */
import type { Duplex } from 'node:stream';

interface ParserError extends Error {
  code?: string;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

function statusFor(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

export function answerClientError(error: ParserError, socket: Duplex): void {
  // A response already under way on this socket (keep-alive) cannot be followed by another one.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight) {
    socket.destroy();
    return;
  }
  const status = statusFor(error.code);
  const code = status === 431 ? 'TOO_LARGE' : 'BAD_REQUEST';
  const message = status === 408 ? 'The request took too long to arrive' : `Malformed HTTP request (${error.code ?? 'parse error'})`;
  const body = JSON.stringify({ ok: false, error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
