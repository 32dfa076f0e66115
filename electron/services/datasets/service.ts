/**
 * The datasets service: one object the Electron host, the web host and the CLI create with their
 * folders and settings. Every path that changes the cache (download, import, bundled copy) first
 * writes all files as verified temp files, then renames them into place and stamps them — so a
 * failure anywhere leaves the cache as it was.
 */
import { createReadStream } from 'node:fs';
import { access, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATALOG, countForRole, fileForRole, findDataset, isFullyPinned, type CatalogDataset, type CatalogFile } from './catalog.ts';
import type { DatasetFileRole, DatasetSplit, DatasetSummary } from '../../api/contracts/datasets.ts';
import { DEFAULT_DOWNLOAD_SETTINGS, fetchFromMirrors, isAllowedUrl, normalizeMirrorBase, type DownloadSettings, type Mirror } from './download.ts';
import { DatasetError } from './errors.ts';
import { CopyRejected, gunzipToTemp } from './gunzip-to-temp.ts';
import { nodeHttpGet, type HttpGet } from './http-fetch.ts';
import { parseIdxImages, parseIdxLabels } from './idx.ts';
import { readImportFiles } from './import.ts';
import { readIdxRange } from './read-range.ts';
import { ProgressMeter, type ProgressListener } from './progress.ts';
import { claimTempPath, cleanTempFiles, commitTemp, datasetDir, discardTemp, ensureDir, syncDir } from './store.ts';
import type { LoadedDataset, SplitBytes } from '../../../workers/engine/data.ts';
import { checkDataset, stampFiles } from './verify.ts';

export interface DatasetServiceOptions {
  /** the lab's data folder; datasets go to `<dataDir>/datasets/<name>/` */
  dataDir: string;
  /** base URLs that replace every catalog entry's mirrors (MNIST_LAB_MIRRORS); the only way to use http, and only to 127.0.0.1/localhost */
  mirrors?: readonly string[];
  /** offline copies shipped with the app: `<bundledDir>/<name>/<file>.gz` */
  bundledDir?: string;
  fetchImpl?: HttpGet;
  /** timeouts, retries, backoff (short in tests) */
  download?: Partial<DownloadSettings>;
  /** defaults to catalog.json */
  catalog?: readonly CatalogDataset[];
}

export interface DownloadOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface DatasetService {
  list(): Promise<DatasetSummary[]>;
  status(name: string): Promise<DatasetSummary>;
  download(name: string, options?: DownloadOptions): Promise<DatasetSummary>;
  importFiles(name: string, paths: readonly string[]): Promise<DatasetSummary>;
  /** hashes every file again (ignores the stamp) */
  verify(name: string): Promise<DatasetSummary>;
  installBundled(name: string): Promise<DatasetSummary>;
  /** the splits are views into the file bytes, IDX headers skipped */
  load(name: string): Promise<LoadedDataset>;
  /** items [start, start + count) of one split's images or labels, reading only those bytes (the first screen) */
  loadRange(name: string, split: DatasetSplit, part: 'images' | 'labels', start: number, count: number): Promise<Uint8Array>;
  /** removes temp files of writers that died; call at start. Returns the paths removed. */
  cleanTemp(): Promise<string[]>;
}

function parseMirrors(bases: readonly string[] | undefined): Mirror[] | null {
  if (!bases || bases.length === 0) return null;
  return bases.map((raw) => {
    const base = normalizeMirrorBase(raw.trim());
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new DatasetError('BAD_MIRROR', `Mirror "${raw}" is not a valid URL.`);
    }
    const mirror: Mirror = { base, fromOverride: true };
    if (!isAllowedUrl(url, mirror)) {
      throw new DatasetError('BAD_MIRROR', `Mirror "${raw}" refused: only https, or plain http to this computer (127.0.0.1/localhost).`);
    }
    return mirror;
  });
}

function bySizeAscending(a: CatalogFile, b: CatalogFile): number {
  // small files first: a broken mirror shows up after kilobytes, not after 47 MB
  return a.size - b.size;
}

type Temps = Map<string, { tempPath: string; sha256: string }>;

export function createDatasetService(options: DatasetServiceOptions): DatasetService {
  const catalog = options.catalog ?? CATALOG;
  const overrideMirrors = parseMirrors(options.mirrors);
  const settings: DownloadSettings = { ...DEFAULT_DOWNLOAD_SETTINGS, ...options.download };
  const httpGet = options.fetchImpl ?? nodeHttpGet;
  const locks = new Map<string, Promise<unknown>>();

  /** One cache-changing operation per dataset at a time (two renames racing would mix sources). */
  function exclusive<T>(name: string, run: () => Promise<T>): Promise<T> {
    const previous = locks.get(name) ?? Promise.resolve();
    const next = previous.then(run, run);
    locks.set(name, next.catch(() => undefined));
    return next;
  }

  function bundledPath(dataset: CatalogDataset, file: CatalogFile): string | null {
    return options.bundledDir ? join(options.bundledDir, dataset.name, `${file.file}.gz`) : null;
  }

  async function hasBundled(dataset: CatalogDataset): Promise<boolean> {
    for (const file of dataset.files) {
      const path = bundledPath(dataset, file);
      if (path === null) return false;
      try {
        await access(path);
      } catch {
        return false;
      }
    }
    return true;
  }

  async function info(dataset: CatalogDataset, force = false): Promise<DatasetSummary> {
    const check = await checkDataset(datasetDir(options.dataDir, dataset.name), dataset, force);
    return {
      name: dataset.name,
      title: dataset.title,
      description: dataset.description,
      classes: [...dataset.classes],
      trainCount: countForRole(dataset, 'trainImages'),
      testCount: countForRole(dataset, 'testImages'),
      status: check.status,
      pinned: isFullyPinned(dataset),
      bundled: await hasBundled(dataset),
      files: check.files,
    };
  }

  /** Renames verified temps into place and stamps them; on any failure before that, deletes them. */
  async function commitAll(dir: string, temps: Temps): Promise<void> {
    if (temps.size === 0) return;
    for (const [file, { tempPath }] of temps) await commitTemp(tempPath, join(dir, file));
    await syncDir(dir);
    await stampFiles(dir, new Map([...temps].map(([file, t]) => [file, t.sha256])));
  }

  async function discardAll(temps: Map<string, { tempPath: string }>): Promise<void> {
    for (const { tempPath } of temps.values()) await discardTemp(tempPath);
  }

  /**
   * Under the dataset's lock, in its folder: `write` leaves verified temps of some of its files in
   * `temps`; they are then published together, or on any failure all deleted.
   */
  function replaceFiles(name: string, dataset: CatalogDataset, write: (dir: string, temps: Temps) => Promise<void>): Promise<DatasetSummary> {
    return exclusive(name, async () => {
      const dir = datasetDir(options.dataDir, dataset.name);
      await ensureDir(dir);
      const temps: Temps = new Map();
      try {
        await write(dir, temps);
        await commitAll(dir, temps);
      } catch (error) {
        await discardAll(temps);
        throw error;
      }
      return info(dataset);
    });
  }

  async function download(name: string, { onProgress, signal }: DownloadOptions = {}): Promise<DatasetSummary> {
    const dataset = findDataset(name, catalog);
    return replaceFiles(name, dataset, async (dir, temps) => {
      const before = await checkDataset(dir, dataset);
      const needed = dataset.files.filter((f) => before.files.find((c) => c.file === f.file)?.status !== 'ok').sort(bySizeAscending);
      const mirrors = overrideMirrors ?? dataset.mirrors.map((base) => ({ base: normalizeMirrorBase(base), fromOverride: false }));
      const meter = new ProgressMeter(
        { dataset: dataset.name, fileCount: needed.length, bytesTotal: needed.reduce((sum, f) => sum + f.size, 0) },
        onProgress,
      );
      let firstMirror = 0;
      for (const [fileIndex, file] of needed.entries()) {
        const fetched = await fetchFromMirrors(file, mirrors, firstMirror, dir, {
          httpGet,
          settings,
          signal,
          onProgress: (state, force) =>
            meter.report({ file: file.file, fileIndex, fileTotal: file.size, ...state }, force || state.fileBytes === file.size),
        });
        temps.set(file.file, fetched);
        meter.completeFile(file.size);
        firstMirror = fetched.mirrorIndex;
      }
    });
  }

  async function importFiles(name: string, paths: readonly string[]): Promise<DatasetSummary> {
    const dataset = findDataset(name, catalog);
    // read and checked before anything in the data folder changes
    const files = await readImportFiles(paths, dataset);
    return replaceFiles(name, dataset, async (dir, temps) => {
      for (const imported of files) {
        const file = fileForRole(dataset, imported.role);
        const tempPath = claimTempPath(dir, file.file);
        temps.set(file.file, { tempPath, sha256: imported.sha256 });
        const handle = await open(tempPath, 'w');
        try {
          await handle.writeFile(imported.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
    });
  }

  async function installBundled(name: string): Promise<DatasetSummary> {
    const dataset = findDataset(name, catalog);
    if (!(await hasBundled(dataset))) {
      throw new DatasetError('NO_BUNDLED_COPY', `This copy of the lab has no built-in ${dataset.title}; download it instead.`);
    }
    return replaceFiles(name, dataset, async (dir, temps) => {
      for (const file of dataset.files) {
        const source = bundledPath(dataset, file)!;
        try {
          temps.set(file.file, await gunzipToTemp(createReadStream(source), dir, file));
        } catch (error) {
          if (error instanceof CopyRejected) {
            throw new DatasetError('CONTENT_MISMATCH', `The built-in copy of ${file.file} is damaged (${error.reason}); download the dataset instead.`);
          }
          throw error;
        }
      }
    });
  }

  async function load(name: string): Promise<LoadedDataset> {
    const dataset = findDataset(name, catalog);
    const dir = datasetDir(options.dataDir, dataset.name);
    const check = await checkDataset(dir, dataset);
    if (check.status !== 'ready') {
      const problems = check.files.filter((f) => f.status !== 'ok').map((f) => `${f.file}: ${f.reason ?? f.status}`);
      throw new DatasetError('NOT_READY', `${dataset.title} is not ready (${check.status}). Download or import it first.\n  - ${problems.join('\n  - ')}`);
    }
    const read = async (role: DatasetFileRole) => new Uint8Array(await readFile(join(dir, fileForRole(dataset, role).file)));
    const split = async (images: DatasetFileRole, labels: DatasetFileRole): Promise<SplitBytes> => {
      const x = parseIdxImages(await read(images), images);
      const y = parseIdxLabels(await read(labels), labels);
      return { images: x.pixels, labels: y.labels, count: x.count };
    };
    return {
      name: dataset.name,
      classes: [...dataset.classes],
      train: await split('trainImages', 'trainLabels'),
      test: await split('testImages', 'testLabels'),
    };
  }

  async function loadRange(name: string, split: DatasetSplit, part: 'images' | 'labels', start: number, count: number): Promise<Uint8Array> {
    const dataset = findDataset(name, catalog);
    const dir = datasetDir(options.dataDir, dataset.name);
    const check = await checkDataset(dir, dataset);
    if (check.status !== 'ready') throw new DatasetError('NOT_READY', `${dataset.title} is not ready (${check.status}). Download or import it first.`);
    const role: DatasetFileRole = `${split}${part === 'images' ? 'Images' : 'Labels'}`;
    return (await readIdxRange(join(dir, fileForRole(dataset, role).file), part, start, count, role)).bytes;
  }

  return {
    list: () => Promise.all(catalog.map((dataset) => info(dataset))),
    status: (name) => info(findDataset(name, catalog)),
    download,
    importFiles,
    verify: (name) => {
      const dataset = findDataset(name, catalog);
      return exclusive(name, () => info(dataset, true));
    },
    installBundled,
    load,
    loadRange,
    cleanTemp: () => cleanTempFiles(options.dataDir),
  };
}
