import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonFile, writeFileAtomic, writeJsonAtomic } from './atomic-file.ts';

describe('atomic files', () => {
  it('writes through a temp file and leaves only the target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const target = join(dir, 'nested', 'state.json');
    writeJsonAtomic(target, { a: 1 });
    writeJsonAtomic(target, { a: 2 });
    expect(readJsonFile(target)).toEqual({ a: 2 });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json']);
  });

  it('leaves the old content and no temp file when the write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const target = join(dir, 'file.bin');
    writeFileSync(target, 'old');
    expect(() => writeFileAtomic(join(target, 'cannot-be-below-a-file'), 'new')).toThrow();
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['file.bin']);
  });

  it('reads missing or garbage JSON as undefined', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(readJsonFile(join(dir, 'bad.json'))).toBeUndefined();
    expect(readJsonFile(join(dir, 'missing.json'))).toBeUndefined();
  });
});
