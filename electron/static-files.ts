/**
 * Maps a URL path to a file inside the built renderer folder, refusing anything that would
 * escape it. Shared by the app:// protocol handler and the web host.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';

export function resolveStaticFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  // Backslashes are path separators on Windows: refuse them everywhere rather than per platform.
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(root, relative));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  if (!existsSync(full) || !statSync(full).isFile()) return undefined;
  return full;
}
