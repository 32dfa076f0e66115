/**
 * The lab's main-process core: services wired to the API table. Both hosts (Electron IPC and the
 * HTTP web host) create one core and only translate transport; nothing here imports electron.
 */
import { mkdirSync } from 'node:fs';
import { createDispatcher, type Dispatch, type Handlers } from './api/dispatch.ts';
import { EventHub } from './api/events.ts';
import { appInfo, type AppIdentity } from './services/app-info.ts';
import type { LabSettings } from './services/settings.ts';

export interface LabCore {
  dispatch: Dispatch;
  events: EventHub;
  settings: LabSettings;
}

export function createLabCore(identity: AppIdentity, settings: LabSettings): LabCore {
  mkdirSync(settings.dataDir, { recursive: true });
  const events = new EventHub();
  const handlers: Handlers = {
    'app.info': () => appInfo(identity, settings.dataDir),
    'app.ping': ({ echo }) => ({ pong: true, echo, serverTime: new Date().toISOString() }),
  };
  return { dispatch: createDispatcher(handlers), events, settings };
}
