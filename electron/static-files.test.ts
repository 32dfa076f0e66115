import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from './static-files.ts';

const base = mkdtempSync(join(tmpdir(), 'static-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'a.js'), '');
writeFileSync(join(base, 'secret.txt'), 'no');
mkdirSync(join(base, 'renderer-evil'));
writeFileSync(join(base, 'renderer-evil', 'x.txt'), 'no');

describe('resolveStaticFile', () => {
  it('serves index.html for / and files below the root', () => {
    expect(resolveStaticFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticFile(root, '/assets/a.js?v=1')).toBe(join(root, 'assets', 'a.js'));
  });

  it('refuses traversal, encoded traversal, backslashes, sibling prefixes, folders, NUL and missing files', () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/..\\secret.txt', '/..%5csecret.txt', '/assets\\a.js', '/../renderer-evil/x.txt', '/assets', '/a%00.js', '/nope.js', '/%E0%A4%A']) {
      expect(resolveStaticFile(root, path), path).toBeUndefined();
    }
  });
});
