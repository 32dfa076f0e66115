/**
 * The Settings panel's state: the learner's settings as the main process keeps them (settings.json
 * in the data folder), loaded once and saved one change at a time.
 */
import type { UserSettings } from '../../../electron/api/contracts/settings.ts';

export interface SettingsApi {
  get(): Promise<UserSettings>;
  set(patch: Partial<UserSettings>): Promise<UserSettings>;
}

export class SettingsState {
  value = $state.raw<UserSettings | undefined>();
  busy = $state<'loading' | 'saving' | undefined>();
  error = $state<string | undefined>();
  /** what the last save did, for the status line */
  saved = $state<string | undefined>();

  constructor(private readonly api: SettingsApi) {}

  async load(): Promise<void> {
    this.busy = 'loading';
    try {
      this.value = await this.api.get();
      this.error = undefined;
    } catch (error) {
      this.error = `The settings could not be read: ${messageOf(error)}`;
    } finally {
      this.busy = undefined;
    }
  }

  async save(patch: Partial<UserSettings>, done: string): Promise<boolean> {
    this.busy = 'saving';
    this.saved = undefined;
    try {
      this.value = await this.api.set(patch);
      this.error = undefined;
      this.saved = done;
      return true;
    } catch (error) {
      this.error = `Not saved: ${messageOf(error)}`;
      return false;
    } finally {
      this.busy = undefined;
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
