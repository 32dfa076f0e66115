/** The learner's settings file: defaults, validation, persistence, damaged files and unknown keys. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUserSettingsService, USER_SETTINGS_FILE } from './user-settings.ts';

const tempDataDir = () => mkdtempSync(join(tmpdir(), 'user-settings-'));

describe('user settings service', () => {
  it('answers the defaults until a setting is changed, then keeps the change in settings.json (0600)', () => {
    const dataDir = tempDataDir();
    const settings = createUserSettingsService(dataDir);
    expect(settings.get()).toEqual({ epochWeightsCapMB: 256 });
    expect(settings.epochWeightsCapBytes()).toBe(256 * 1024 * 1024);
    expect(settings.set({ epochWeightsCapMB: 12 })).toEqual({ epochWeightsCapMB: 12 });
    const file = join(dataDir, USER_SETTINGS_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ epochWeightsCapMB: 12 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Another process on the same data folder sees it at once.
    expect(createUserSettingsService(dataDir).epochWeightsCapBytes()).toBe(12 * 1024 * 1024);
    expect(settings.set({})).toEqual({ epochWeightsCapMB: 12 });
  });

  it('refuses values out of range, fractions, strings and unknown settings, and changes nothing', () => {
    const dataDir = tempDataDir();
    const settings = createUserSettingsService(dataDir);
    settings.set({ epochWeightsCapMB: 64 });
    for (const [patch, message] of [
      [{ epochWeightsCapMB: -1 }, /at least 0 MB/],
      [{ epochWeightsCapMB: 65_537 }, /at most 65536 MB \(64 GB\)/],
      [{ epochWeightsCapMB: 1.5 }, /whole number of MB/],
      [{ epochWeightsCapMB: '64' }, /must be a number of MB/],
      [{ theme: 'dark' }, /theme/],
    ] as const) {
      expect(() => settings.set(patch as never)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENTS', message: expect.stringMatching(message) as unknown }));
    }
    expect(settings.get()).toEqual({ epochWeightsCapMB: 64 });
  });

  it('falls back to the default for a damaged file or value, says so once, and keeps keys of newer versions', () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, USER_SETTINGS_FILE);
    const notices: string[] = [];
    const settings = createUserSettingsService(dataDir, { onNotice: (m) => notices.push(m) });
    writeFileSync(file, '{ not json');
    expect(settings.get()).toEqual({ epochWeightsCapMB: 256 });
    expect(settings.get()).toEqual({ epochWeightsCapMB: 256 });
    expect(notices).toEqual([expect.stringContaining('is not a settings file; the defaults are used')]);
    writeFileSync(file, JSON.stringify({ epochWeightsCapMB: -5, fromTheFuture: { x: 1 } }));
    const fresh = createUserSettingsService(dataDir, { onNotice: (m) => notices.push(m) });
    expect(fresh.get()).toEqual({ epochWeightsCapMB: 256 });
    expect(notices[1]).toMatch(/epochWeightsCapMB -5 is not valid \(.*at least 0 MB.*\); the default 256 is used/);
    fresh.set({ epochWeightsCapMB: 32 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ epochWeightsCapMB: 32, fromTheFuture: { x: 1 } });
  });
});
