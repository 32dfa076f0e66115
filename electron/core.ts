/**
 * The lab's main-process core: services wired to the API table. Both hosts (Electron IPC and the
 * HTTP web host) create one core and only translate transport; nothing here imports electron.
 */
import { createDispatcher, type Dispatch, type Handlers } from './api/dispatch.ts';
import { EventHub } from './api/events.ts';
import { createDatasetHandlers, type DatasetHostCapabilities } from './api/handlers/datasets.ts';
import { createExportHandlers, type ExportHostCapabilities } from './api/handlers/exports.ts';
import { createHandwritingHandlers } from './api/handlers/handwriting.ts';
import { createRunsHandlers } from './api/handlers/runs.ts';
import { createSettingsHandlers } from './api/handlers/settings.ts';
import { appInfo, type AppIdentity } from './services/app-info.ts';
import { ensureDirSync } from './services/atomic-file.ts';
import { createDatasetService, type DatasetService } from './services/datasets/index.ts';
import { cleanStaleUploads } from './services/datasets/store.ts';
import { createHandwritingService } from './services/handwriting.ts';
import { createRunsService, type RunsService } from './services/runs/index.ts';
import type { LabSettings } from './services/settings.ts';
import { createUserSettingsService } from './services/user-settings.ts';

export interface LabCore {
  dispatch: Dispatch;
  events: EventHub;
  settings: LabSettings;
  datasets: DatasetService;
  runs: RunsService;
  /** Housekeeping at launch: removes temp files of writers that crashed. */
  prepare(): Promise<void>;
}

export type HostCapabilities = DatasetHostCapabilities & ExportHostCapabilities;

export function createLabCore(identity: AppIdentity, settings: LabSettings, host: HostCapabilities = {}): LabCore {
  ensureDirSync(settings.dataDir); // owner-only (0700) when created here
  const events = new EventHub();
  const datasets = createDatasetService({
    dataDir: settings.dataDir,
    ...(settings.mirrors ? { mirrors: settings.mirrors } : {}),
    ...(settings.bundledDir ? { bundledDir: settings.bundledDir } : {}),
  });
  const handwriting = createHandwritingService(settings.dataDir, {
    onNotice: (message) => events.emit('app.notice', { level: 'warning', message }),
  });
  const userSettings = createUserSettingsService(settings.dataDir, {
    onNotice: (message) => events.emit('app.notice', { level: 'warning', message }),
  });
  const runs = createRunsService({ dataDir: settings.dataDir, maxEpochWeightBytes: () => userSettings.epochWeightsCapBytes() });
  const handlers: Handlers = {
    'app.info': () => appInfo(identity, settings.dataDir),
    'app.ping': ({ echo }) => ({ pong: true, echo, serverTime: new Date().toISOString() }),
    ...createDatasetHandlers(datasets, settings.dataDir, events, host),
    ...createHandwritingHandlers(handwriting),
    ...createRunsHandlers(runs, events),
    ...createExportHandlers(host),
    ...createSettingsHandlers(userSettings),
  };
  return {
    dispatch: createDispatcher(handlers),
    events,
    settings,
    datasets,
    runs,
    async prepare() {
      await datasets.cleanTemp();
      await runs.cleanup();
      handwriting.cleanup();
      await cleanStaleUploads(settings.dataDir);
    },
  };
}
