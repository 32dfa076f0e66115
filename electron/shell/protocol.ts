/**
 * Serves the built renderer from app://lab/ with COOP/COEP/CSP headers. A custom privileged
 * scheme (not loadFile) is what makes the page crossOriginIsolated, so WASM threads can run.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { mimeTypeFor, SECURITY_HEADERS } from '../security-headers.ts';
import { resolveStaticFile } from '../static-files.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lab';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True for URLs on the renderer's own origin. Compared by scheme and host, not by `URL.origin`:
 * Node's URL parser does not know that Chromium treats `app:` as a standard scheme, so the origin
 * of every app:// URL is the string "null" in the main process.
 */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
    },
  ]);
}

const notFound = (): Response => new Response('Not found', { status: 404, headers: SECURITY_HEADERS });

export function setupAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (!isAppUrl(request.url)) return notFound();
    const file = resolveStaticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return notFound();
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(file) } });
  });
}
