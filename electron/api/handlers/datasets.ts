/** The dataset calls, served by the datasets service. */
import { importArchive } from '../../services/datasets/import-archive.ts';
import type { DatasetService, LoadedDataset } from '../../services/datasets/index.ts';
import type { DatasetSummary } from '../contracts/datasets.ts';
import type { Handlers } from '../dispatch.ts';
import { ApiError } from '../errors.ts';
import type { EventHub } from '../events.ts';

export interface DatasetHostCapabilities {
  /** Asks the user for dataset files (Electron: an open dialog). Undefined where the host cannot. */
  pickDatasetFiles?: () => Promise<string[] | undefined>;
}

type DatasetHandlers = Pick<
  Handlers,
  | 'dataset.list'
  | 'dataset.download'
  | 'dataset.cancel'
  | 'dataset.verify'
  | 'dataset.installBundled'
  | 'dataset.import'
  | 'dataset.importArchive'
  | 'dataset.load'
>;

const itemSize = (part: 'images' | 'labels') => (part === 'images' ? 28 * 28 : 1);

export function createDatasetHandlers(service: DatasetService, dataDir: string, events: EventHub, host: DatasetHostCapabilities): DatasetHandlers {
  const downloads = new Map<string, AbortController>();
  const loaded = new Map<string, Promise<LoadedDataset>>();

  /** Any change on disk invalidates what was loaded. */
  async function changed(name: string, work: Promise<DatasetSummary>): Promise<DatasetSummary> {
    loaded.delete(name);
    try {
      return await work;
    } finally {
      loaded.delete(name);
    }
  }

  /** Offline first launch: when no mirror answers, the copy the app carries is installed instead. */
  async function downloadOrBundled(name: string, signal: AbortSignal): Promise<DatasetSummary> {
    try {
      return await service.download(name, { signal, onProgress: (progress) => events.emit('dataset.progress', progress) });
    } catch (error) {
      const bundled = (await service.status(name)).bundled;
      if (!bundled || (error as { code?: string }).code !== 'DOWNLOAD_FAILED') throw error;
      const installed = await service.installBundled(name);
      events.emit('app.notice', {
        level: 'warning',
        message: `No mirror could be reached, so the copy of ${installed.title} that ships with MNIST Lab was installed instead.`,
      });
      return installed;
    }
  }

  return {
    'dataset.list': () => service.list(),
    'dataset.download': async ({ name }) => {
      if (downloads.has(name)) throw new ApiError('CONFLICT', `${name} is already downloading`);
      const controller = new AbortController();
      downloads.set(name, controller);
      try {
        return await changed(name, downloadOrBundled(name, controller.signal));
      } finally {
        downloads.delete(name);
      }
    },
    'dataset.cancel': ({ name }) => {
      const controller = downloads.get(name);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'dataset.verify': ({ name }) => changed(name, service.verify(name)),
    'dataset.installBundled': ({ name }) => changed(name, service.installBundled(name)),
    'dataset.import': async ({ name }) => {
      if (!host.pickDatasetFiles) {
        throw new ApiError('NOT_AVAILABLE', 'This host cannot open a file dialog: upload the files with dataset.importArchive');
      }
      const paths = await host.pickDatasetFiles();
      if (!paths || paths.length === 0) return { cancelled: true as const };
      return await changed(name, service.importFiles(name, paths));
    },
    'dataset.importArchive': ({ name, bytes }) => changed(name, importArchive(service, dataDir, name, bytes)),
    'dataset.load': async ({ name, split, part, start = 0, count }) => {
      if (count !== undefined) {
        const whole = loaded.get(name);
        // Copied so the response owns its bytes (a view would send the whole file's buffer).
        if (whole) return (await whole)[split][part].slice(start * itemSize(part), (start + count) * itemSize(part));
        return service.loadRange(name, split, part, start, count);
      }
      let dataset = loaded.get(name);
      if (!dataset) {
        dataset = service.load(name);
        loaded.set(name, dataset);
        dataset.catch(() => loaded.delete(name));
      }
      return (await dataset)[split][part];
    },
  };
}
