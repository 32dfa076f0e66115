import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStartFile, startFilePath, writeStartFile } from './start-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'start-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('web host start file', () => {
  const url = 'http://127.0.0.1:4321/#token=s3cret-Token_xyz';

  it('is readable by its owner only and redirects to the URL with the token', () => {
    const path = writeStartFile(dir, 4321, url);
    expect(path).toBe(join(dir, 'web-start-4321.html'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const html = readFileSync(path, 'utf8');
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${url}">`);
    expect(html).toContain(`<a href="${url}">`);
  });

  it('replaces a stale page left with wider permissions, and is removed on stop', () => {
    const path = startFilePath(dir, 5555);
    writeFileSync(path, 'old token', { mode: 0o644 });
    writeStartFile(dir, 5555, 'http://127.0.0.1:5555/#token=new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toContain('old token');
    removeStartFile(path);
    expect(() => statSync(path)).toThrow();
  });

  it('escapes the URL into the HTML', () => {
    const html = readFileSync(writeStartFile(dir, 1, 'http://127.0.0.1:1/#token="><script>'), 'utf8');
    expect(html).not.toContain('"><script>');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });
});
