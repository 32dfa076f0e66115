/** The datasets service's public surface, for the hosts (Electron IPC, web) and the CLI. */
export { CATALOG, FILE_ROLES, type CatalogDataset, type CatalogFile, type FileRole } from './catalog.ts';
export { DEFAULT_DOWNLOAD_SETTINGS, type DownloadSettings } from './download.ts';
export { DatasetError, type DatasetErrorCode } from './errors.ts';
export { nodeHttpGet, type HttpGet, type HttpResponse } from './http-fetch.ts';
export type { DownloadProgress, ProgressListener } from './progress.ts';
export {
  createDatasetService,
  mirrorsFromEnv,
  type DatasetInfo,
  type DatasetService,
  type DatasetServiceOptions,
  type DownloadOptions,
  type LoadedDataset,
  type Split,
} from './service.ts';
export type { DatasetStatus, FileCheck, FileStatus } from './verify.ts';
