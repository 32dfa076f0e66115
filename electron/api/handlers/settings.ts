/** The settings calls, served by the user settings service. */
import type { UserSettingsService } from '../../services/user-settings.ts';
import type { UserSettings } from '../contracts/settings.ts';

export interface SettingsHandlers {
  'settings.get': () => UserSettings;
  'settings.set': (patch: Partial<UserSettings>) => UserSettings;
}

export function createSettingsHandlers(service: UserSettingsService): SettingsHandlers {
  return {
    'settings.get': () => service.get(),
    'settings.set': (patch) => service.set(patch),
  };
}
