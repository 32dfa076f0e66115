/** The datasets service's public surface, for the hosts (Electron IPC, web) and the CLI. */
export { CATALOG, type CatalogDataset, type CatalogFile } from './catalog.ts';
export { DEFAULT_DOWNLOAD_SETTINGS, type DownloadSettings } from './download.ts';
export { DatasetError, type DatasetErrorCode } from './errors.ts';
export { nodeHttpGet, type HttpGet, type HttpResponse } from './http-fetch.ts';
export type { ProgressListener } from './progress.ts';
export {
  createDatasetService,
  type DatasetService,
  type DatasetServiceOptions,
  type DownloadOptions,
} from './service.ts';
export type { LoadedDataset } from '../../../workers/engine/data.ts';
