/**
 * Serves the built renderer from app://lab/ with COOP/COEP/CSP headers. A custom privileged
 * scheme (not loadFile) is what makes the page crossOriginIsolated, so WASM threads can run.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { mimeTypeFor, SECURITY_HEADERS } from '../security-headers.ts';
import { resolveStaticFile } from '../static-files.ts';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://lab`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
    },
  ]);
}

export function setupAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'lab' ? resolveStaticFile(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(file) } });
  });
}
