import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimTempPath, cleanAbandonedTemps, isTempName, readJsonFile, writeFileAtomic, writeJsonAtomic } from './atomic-file.ts';

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

  it("names temp files after their writer's pid, and cleans up only those no live writer holds", () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const mine = claimTempPath(join(dir, 'record.json'));
    expect(mine.slice(dir.length + 1)).toMatch(new RegExp(`^\\.record\\.json\\.${process.pid}\\.[0-9a-f]{12}\\.partial$`));
    writeFileSync(mine, 'in progress');
    const parents = `.record.json.${process.ppid}.0123456789ab.partial`; // a live process (the test runner)
    const dead = `.record.json.999999999.0123456789ab.partial`;
    const abandonedMine = `.weights.bin.${process.pid}.0123456789ab.partial`; // this process, no longer writing it
    for (const name of [parents, dead, abandonedMine, 'record.json']) writeFileSync(join(dir, name), 'x');
    expect(cleanAbandonedTemps(dir).sort()).toEqual([join(dir, abandonedMine), join(dir, dead)].sort());
    expect(readdirSync(dir).sort()).toEqual([mine.slice(dir.length + 1), parents, 'record.json'].sort());
    expect(['record.json', parents].map(isTempName)).toEqual([false, true]);
  });
});
