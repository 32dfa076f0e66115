/**
 * A transient read error (too many open files, a permission hiccup, a file locked by a virus
 * scanner) says nothing about the data: it must never quarantine a healthy run or move a drawing
 * aside. Only a record that parses wrong is damaged. The errors are injected into node:fs for
 * chosen paths (the real filesystem cannot be made to answer EMFILE/EBUSY on demand; and this
 * test runs as root here, for whom EACCES does not happen).
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import type * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { presetSpec } from '../../workers/engine/spec/presets.ts';
import { createHandwritingService } from './handwriting.ts';
import { createRunsService, QUARANTINE_DIR } from './runs/index.ts';
import { createUserSettingsService, USER_SETTINGS_FILE } from './user-settings.ts';

const injected = vi.hoisted(() => new Map<string, string>());

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  const readFileSync = ((path: unknown, ...rest: unknown[]) => {
    const code = injected.get(String(path));
    if (code) throw Object.assign(new Error(`${code}: injected, open '${String(path)}'`), { code });
    return (actual.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.readFileSync;
  return { ...actual, default: { ...actual, readFileSync }, readFileSync };
});

afterEach(() => injected.clear());

const settings = { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: '0.1.0', trainCount: 60000, validationCount: 0 };

function finishedRun(dataDir: string): string {
  const runs = createRunsService({ dataDir });
  const spec = presetSpec('chollet-ch2');
  spec.fit.epochs = 1;
  const { id } = runs.create({ spec, settings });
  runs.recordEpoch(id, { epoch: 1, loss: 0.3, acc: 0.9, val_loss: null, val_acc: null, seconds: 1 });
  runs.finish(id, { status: 'finished' });
  return id;
}

describe('transient read errors', () => {
  it.each(['EMFILE', 'EACCES', 'EBUSY'])('%s on record.json leaves a healthy run in place; a record that parses wrong is quarantined', (code) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'transient-'));
    const id = finishedRun(dataDir);
    const runs = createRunsService({ dataDir });
    const record = join(runs.runsDir, id, 'record.json');
    injected.set(record, code);

    expect(() => runs.get(id)).toThrow(expect.objectContaining({ code: 'UNAVAILABLE', message: expect.stringContaining(`could not be read just now (${code})`) }));
    const listed = runs.list();
    expect(listed.runs).toEqual([]);
    expect(listed.notices).toEqual([expect.stringMatching(new RegExp(`Run ${id} could not be read just now \\(${code}\\); it was left as it is`))]);
    expect(runs.cleanup().interrupted).toEqual([]);
    expect(() => runs.rename(id, 'x')).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }));
    expect(() => runs.delete(id)).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }));
    expect(existsSync(join(runs.runsDir, QUARANTINE_DIR))).toBe(false);

    injected.clear();
    expect(runs.get(id).status).toBe('finished');
    expect(runs.list().runs.map((run) => run.id)).toEqual([id]);

    writeFileSync(record, '{"format": 1, "id": "half');
    expect(runs.list().runs).toEqual([]);
    expect(readdirSync(join(runs.runsDir, QUARANTINE_DIR))).toEqual([expect.stringMatching(new RegExp(`^${id}-`))]);
  });

  it('EMFILE on a drawing moves nothing aside and answers UNAVAILABLE; the set reads whole afterwards', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'transient-'));
    const saved = [createHandwritingService(dataDir).add(1, new Uint8Array(784).fill(9)), createHandwritingService(dataDir).add(2, new Uint8Array(784).fill(8))];
    const notices: string[] = [];
    const handwriting = createHandwritingService(dataDir, { onNotice: (m) => notices.push(m) });
    injected.set(join(handwriting.folder, `${saved[0]!.id}.json`), 'EMFILE');
    expect(() => handwriting.list()).toThrow(expect.objectContaining({ code: 'UNAVAILABLE', message: expect.stringMatching(/could not be read just now \(EMFILE/) }));
    expect(notices).toEqual([]);
    injected.clear();
    expect(handwriting.list()).toEqual(saved);
    expect(readdirSync(join(dataDir, 'handwriting'))).toEqual(['drawings']);
  });

  it('EACCES on the settings file answers UNAVAILABLE and changes nothing; the runs service keeps the last good cap', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'transient-'));
    const settings = createUserSettingsService(dataDir);
    settings.set({ epochWeightsCapMB: 8 });
    const file = join(dataDir, USER_SETTINGS_FILE);
    injected.set(file, 'EACCES');
    expect(() => settings.get()).toThrow(expect.objectContaining({ code: 'UNAVAILABLE', message: expect.stringContaining('could not be read just now (EACCES') as unknown }));
    expect(() => settings.set({ epochWeightsCapMB: 9 })).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }));
    expect(settings.epochWeightsCapBytes()).toBe(8 * 1024 * 1024);
    injected.clear();
    expect(settings.get()).toEqual({ epochWeightsCapMB: 8 });
  });
});
