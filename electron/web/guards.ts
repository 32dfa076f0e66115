/**
 * Request guards of the web host: DNS-rebinding protection (Host header), a per-launch token on
 * every API call, and same-origin checks. Each returns an error body or undefined when the
 * request may pass.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../api/errors.ts';

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function checkHost(request: IncomingMessage, port: number): ApiError | undefined {
  const host = request.headers.host?.toLowerCase();
  if (!host || !allowedHosts(port).has(host)) {
    return new ApiError('FORBIDDEN', `Host ${JSON.stringify(host ?? '')} is not allowed; use http://127.0.0.1:${port}/`);
  }
  return undefined;
}

export function checkOrigin(request: IncomingMessage, port: number): ApiError | undefined {
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  const allowed = [...allowedHosts(port)].map((host) => `http://${host}`);
  return allowed.includes(origin.toLowerCase())
    ? undefined
    : new ApiError('FORBIDDEN', `Requests from origin ${origin} are not allowed`);
}

export function checkToken(request: IncomingMessage, token: string): ApiError | undefined {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return new ApiError('UNAUTHORIZED', 'Missing API token (Authorization: Bearer …)');
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return new ApiError('UNAUTHORIZED', 'Wrong API token: open the URL the lab printed at start');
  }
  return undefined;
}
