/**
 * The start page (as Jupyter does it): a small HTML file, readable by its owner only, that sends
 * the browser to the lab's URL. The browser is opened on this file, so the token never appears
 * on a command line (where `ps` would show it to every user of the machine).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function startPage(url: string): string {
  const href = escapeHtml(url);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}">
<title>Opening MNIST Lab…</title>
</head>
<body>
<p>Opening MNIST Lab… If nothing happens, <a href="${href}">open the lab</a>.</p>
<p>This page holds this launch's access token: only you can read it, and it is deleted when the lab stops.</p>
</body>
</html>
`;
}

/** Per port, so two hosts on one data folder keep their own page. */
export function startFilePath(dir: string, port: number): string {
  return join(dir, `web-start-${port}.html`);
}

/** Writes the start page (mode 0600, atomically: a reader never sees half a file) and returns its path. */
export function writeStartFile(dir: string, port: number, url: string): string {
  const path = startFilePath(dir, port);
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  writeFileSync(temp, startPage(url), { mode: 0o600, flag: 'wx' });
  renameSync(temp, path);
  return path;
}

export function removeStartFile(path: string): void {
  rmSync(path, { force: true });
}
