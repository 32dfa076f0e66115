/**
 * The learner's settings: choices the app keeps in the data folder (settings.json) and the
 * Settings panel shows and changes. Pure module (zod only): the renderer imports it too.
 */
import { z } from 'zod';
import { call } from '../define.ts';

/** Per-run cap on the weights kept for every epoch, in MB (MiB); 0 keeps only each run's last epoch. */
export const EPOCH_WEIGHTS_CAP_MB = { min: 0, max: 65_536, default: 256 } as const;

const capMB = z
  .number({ error: 'epochWeightsCapMB must be a number of MB' })
  .int('epochWeightsCapMB must be a whole number of MB')
  .min(EPOCH_WEIGHTS_CAP_MB.min, `epochWeightsCapMB must be at least ${EPOCH_WEIGHTS_CAP_MB.min} MB (0 keeps only each run's last epoch)`)
  .max(EPOCH_WEIGHTS_CAP_MB.max, `epochWeightsCapMB can be at most ${EPOCH_WEIGHTS_CAP_MB.max} MB (64 GB) per run`);

export const userSettingsSchema = z
  .object({
    /** the most MB of per-epoch weights one run keeps (its last epoch is always kept) */
    epochWeightsCapMB: capMB,
  })
  .strict();

export type UserSettings = z.output<typeof userSettingsSchema>;

export const DEFAULT_USER_SETTINGS: UserSettings = { epochWeightsCapMB: EPOCH_WEIGHTS_CAP_MB.default };

export const settingsCalls = {
  /** The current settings (defaults for any not yet changed). */
  'settings.get': call(z.object({}).strict()).returns<UserSettings>(),
  /** Changes the given settings, keeps the others; answers the settings now in force. */
  'settings.set': call(userSettingsSchema.partial().strict()).returns<UserSettings>(),
} as const;
