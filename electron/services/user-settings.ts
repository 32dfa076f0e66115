/**
 * The learner's settings (the Settings panel), kept in `<dataDir>/settings.json` and written
 * atomically. Read on every get, so the desktop app, the web host and the CLI sharing a data folder
 * all follow the latest choice. A damaged file or value falls back to the default for that value
 * (told once through `onNotice`) and is replaced only when the learner saves a new choice; keys
 * this version does not know (a newer version's) are kept on write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../api/errors.ts';
import { DEFAULT_USER_SETTINGS, userSettingsSchema, type UserSettings } from '../api/contracts/settings.ts';
import { writeJsonAtomic } from './atomic-file.ts';

export const USER_SETTINGS_FILE = 'settings.json';
const MIB = 1024 * 1024;

export interface UserSettingsService {
  get(): UserSettings;
  /** Validated against the contract; answers the settings now in force. */
  set(patch: Partial<UserSettings>): UserSettings;
  /** The per-run cap on per-epoch weights in bytes, for the runs service (the last good value if the file cannot be read). */
  epochWeightsCapBytes(): number;
}

type StoredObject = Record<string, unknown>;

export function createUserSettingsService(dataDir: string, options: { onNotice?: (message: string) => void } = {}): UserSettingsService {
  const path = join(dataDir, USER_SETTINGS_FILE);
  let noticed = false;
  let lastGood = DEFAULT_USER_SETTINGS;

  function notice(message: string): void {
    if (noticed) return;
    noticed = true;
    options.onNotice?.(message);
  }

  function readStored(): StoredObject {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return {};
      throw new ApiError('UNAVAILABLE', `Your settings could not be read just now (${code ?? (error as Error).message} on ${path}); nothing was changed. Try again in a moment.`);
    }
    try {
      const json: unknown = JSON.parse(text);
      if (json && typeof json === 'object' && !Array.isArray(json)) return json as StoredObject;
    } catch {
      // reported below
    }
    notice(`${path} is not a settings file; the defaults are used until you change a setting.`);
    return {};
  }

  /** Each known key on its own: one bad value does not reset the others. */
  function settingsOf(stored: StoredObject): UserSettings {
    const settings: StoredObject = { ...DEFAULT_USER_SETTINGS };
    for (const [key, schema] of Object.entries(userSettingsSchema.shape)) {
      if (!(key in stored)) continue;
      const parsed = schema.safeParse(stored[key]);
      if (parsed.success) settings[key] = parsed.data;
      else notice(`${path}: ${key} ${JSON.stringify(stored[key])} is not valid (${parsed.error.issues[0]?.message}); the default ${JSON.stringify(settings[key])} is used.`);
    }
    return userSettingsSchema.parse(settings);
  }

  const get = (): UserSettings => (lastGood = settingsOf(readStored()));

  return {
    get,
    set(patch) {
      const checked = userSettingsSchema.partial().strict().safeParse(patch);
      if (!checked.success) throw new ApiError('BAD_ARGUMENTS', checked.error.issues.map((i) => i.message).join('; '));
      const stored = readStored();
      const next = { ...stored, ...settingsOf(stored), ...checked.data };
      writeJsonAtomic(path, next);
      noticed = false;
      return get();
    },
    epochWeightsCapBytes() {
      try {
        return get().epochWeightsCapMB * MIB;
      } catch {
        return lastGood.epochWeightsCapMB * MIB;
      }
    },
  };
}
