/**
 * The one API table: every call the renderer may make and every event stream it may hear.
 * The Electron IPC registry, the preload bridge and the web host's HTTP routes are all derived
 * from it. Pure module (zod only): the renderer imports it for types and names.
 */
import { z } from 'zod';
import { datasetCalls, type DatasetEvents } from './contracts/datasets.ts';
import { exportCalls } from './contracts/exports.ts';
import { handwritingCalls } from './contracts/handwriting.ts';
import { runCalls, type RunEvents } from './contracts/runs.ts';
import { settingsCalls } from './contracts/settings.ts';
import { call } from './define.ts';

export type { CallSpec } from './define.ts';
export type { HandwritingItem } from './contracts/handwriting.ts';
export type { RunList, RunRecord, RunSummary } from './contracts/runs.ts';
export type { UserSettings } from './contracts/settings.ts';

const noArgs = z.object({}).strict();

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  platform: string;
  arch: string;
  host: 'electron' | 'web';
  runtime: { node: string; electron?: string; chrome?: string };
}

export interface Pong {
  pong: true;
  echo: string;
  serverTime: string;
}

export const api = {
  'app.info': call(noArgs).returns<AppInfo>(),
  'app.ping': call(z.object({ echo: z.string().max(1024).default('') }).strict()).returns<Pong>(),
  ...datasetCalls,
  ...handwritingCalls,
  ...runCalls,
  ...exportCalls,
  ...settingsCalls,
} as const;

/** Event streams the main process pushes to the renderer; payload types only. */
export interface EventStreams extends DatasetEvents, RunEvents {
  'app.notice': { level: 'info' | 'warning' | 'error'; message: string };
}

export type Api = typeof api;
export type ApiName = keyof Api;
export type ApiArgs<K extends ApiName> = z.input<Api[K]['args']>;
export type ApiParsedArgs<K extends ApiName> = z.output<Api[K]['args']>;
export type ApiResult<K extends ApiName> = NonNullable<Api[K]['result']>;
export type EventName = keyof EventStreams;

export const API_NAMES = Object.keys(api) as ApiName[];

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}
