/**
 * The request target, parsed by hand: `new URL` throws on targets such as `//`, and an
 * exception there once killed the host. Every failure here is a BAD_REQUEST, never a throw of
 * anything else.
 */
import { ApiError } from '../api/errors.ts';

export const API_PREFIX = '/api/';

/** The path of an origin-form target (`/a/b?q`), still percent-encoded, query dropped. */
export function targetPath(target: string | undefined): string {
  if (!target?.startsWith('/')) {
    throw new ApiError('BAD_REQUEST', 'The request target must be a path starting with "/"');
  }
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** `/api/app.ping` → `app.ping`; malformed percent escapes are a BAD_REQUEST. */
export function callNameOf(path: string): string {
  try {
    return decodeURIComponent(path.slice(API_PREFIX.length));
  } catch {
    throw new ApiError('BAD_REQUEST', 'The call name has a malformed percent escape');
  }
}
