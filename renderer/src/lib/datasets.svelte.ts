/**
 * The renderer's view of the datasets: the catalog with statuses, the running download's
 * progress, and the selected dataset's bytes once ready (also handed to the training worker).
 */
import type { DatasetProgress, DatasetSplit, DatasetSummary } from '../../../electron/api/contracts/datasets.ts';
import type { LoadedDataset, SplitBytes } from '../../../workers/engine/data.ts';
import type { DatasetActivity } from '../data/types.ts';
import type { ApiErrorBody } from '../../../electron/api/errors.ts';
import { pickFiles, zipFiles } from './file-upload.ts';
import { LabCallError, type LabClient } from './lab-client.ts';
import type { TrainingWorker } from './training-worker.ts';

/** Enough images of each split for the Data panel's first screen (a full-HD window shows ~250). */
export const FIRST_SCREEN_IMAGES = 512;

/** After the next two frames (the grid draws in one), or 200 ms where frames do not come (a hidden window). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 200);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

function errorOf(error: unknown): ApiErrorBody {
  if (error instanceof LabCallError) return { code: error.code, message: error.message };
  return { code: 'ERROR', message: error instanceof Error ? error.message : String(error) };
}

export class DatasetsState {
  list = $state.raw<DatasetSummary[]>([]);
  selected = $state('mnist');
  progress = $state.raw<DatasetProgress | undefined>();
  downloading = $state<string | undefined>();
  busy = $state<string | undefined>();
  /** what the busy dataset is doing, besides downloading */
  activity = $state<DatasetActivity | undefined>();
  error = $state.raw<ApiErrorBody | undefined>();
  loaded = $state.raw<LoadedDataset | undefined>();
  /** the first FIRST_SCREEN_IMAGES of each split, drawn while the whole dataset streams in */
  preview = $state.raw<LoadedDataset | undefined>();
  /** the dataset the training worker holds */
  inWorker = $state<string | undefined>();

  constructor(
    private readonly lab: LabClient,
    private readonly worker: TrainingWorker | undefined,
  ) {
    lab.on('dataset.progress', (progress) => {
      if (progress.dataset === this.downloading) this.progress = progress;
    });
  }

  /** what the Data panel can browse now: the whole dataset, or its first screen until that arrives */
  get browsable(): LoadedDataset | undefined {
    if (this.loaded?.name !== this.selected && this.preview?.name === this.selected) return this.preview;
    return this.loaded;
  }

  get current(): DatasetSummary | undefined {
    return this.list.find((dataset) => dataset.name === this.selected);
  }

  async refresh(): Promise<void> {
    try {
      this.list = await this.lab.call('dataset.list');
      if (this.current?.status === 'ready' && this.loaded?.name !== this.selected) await this.load(this.selected);
    } catch (error) {
      this.error = errorOf(error);
    }
  }

  async select(name: string): Promise<void> {
    this.selected = name;
    this.error = undefined;
    if (this.current?.status === 'ready') await this.load(name);
  }

  async download(name: string): Promise<void> {
    await this.act(name, async () => {
      this.downloading = name;
      this.progress = undefined;
      try {
        await this.lab.call('dataset.download', { name });
      } finally {
        this.downloading = undefined;
        this.progress = undefined;
      }
    });
  }

  async cancel(name: string): Promise<void> {
    await this.lab.call('dataset.cancel', { name }).catch(() => undefined);
  }

  async verify(name: string): Promise<void> {
    await this.act(name, () => this.lab.call('dataset.verify', { name }), 'verifying');
  }

  /** Must run inside the click that asked for it: the browser's file picker needs that gesture. */
  async importFiles(name: string): Promise<void> {
    if (this.lab.kind === 'electron') {
      await this.act(name, () => this.lab.call('dataset.import', { name }), 'importing');
      return;
    }
    const files = await pickFiles();
    if (files.length === 0) return;
    await this.act(name, async () => this.lab.call('dataset.importArchive', { name, bytes: await zipFiles(files) }), 'importing');
  }

  async installBundled(name: string): Promise<void> {
    await this.act(name, () => this.lab.call('dataset.installBundled', { name }), 'importing');
  }

  /** Runs a dataset action, then refreshes the list (and loads the dataset when it became ready). */
  private async act(name: string, work: () => Promise<unknown>, activity?: DatasetsState['activity']): Promise<void> {
    this.error = undefined;
    this.busy = name;
    this.activity = activity;
    try {
      await work();
    } catch (error) {
      this.error = errorOf(error);
    } finally {
      this.busy = undefined;
      this.activity = undefined;
      if (this.loaded?.name === name) this.loaded = undefined;
      await this.refresh();
    }
  }

  private async load(name: string): Promise<void> {
    this.activity = 'loading';
    // The first screen first (a few hundred KB, read without the rest of the files), then the
    // whole: asked for once the first screen is painted, so receiving its 55 MB does not compete
    // with that paint (nor queue ahead of the first screen's requests).
    if (await this.loadPreview(name)) await afterPaint();
    try {
      const loaded = await this.fetchSplits(name);
      this.loaded = loaded;
      this.preview = undefined;
      await this.sendToWorker(loaded);
    } catch (error) {
      this.error = errorOf(error);
    } finally {
      this.activity = undefined;
    }
  }

  /** Both splits' images and labels, whole or the first `range.count` of each. */
  private async fetchSplits(name: string, range?: { start: number; count: number }): Promise<LoadedDataset> {
    const part = (split: DatasetSplit, part: 'images' | 'labels') => this.lab.call('dataset.load', { name, split, part, ...range });
    const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
      part('train', 'images'),
      part('train', 'labels'),
      part('test', 'images'),
      part('test', 'labels'),
    ]);
    return {
      name,
      classes: this.list.find((d) => d.name === name)?.classes ?? [],
      train: { images: trainImages, labels: trainLabels, count: trainLabels.length },
      test: { images: testImages, labels: testLabels, count: testLabels.length },
    };
  }

  /** true when a first screen was set */
  private async loadPreview(name: string): Promise<boolean> {
    try {
      const preview = await this.fetchSplits(name, { start: 0, count: FIRST_SCREEN_IMAGES });
      if (this.loaded?.name === name) return false;
      this.preview = preview;
      return true;
    } catch {
      // The whole load reports the error; the panel then simply waits for it.
      return false;
    }
  }

  /** The worker gets its own copy, transferred (the browser panel keeps drawing from ours). */
  private async sendToWorker(dataset: LoadedDataset): Promise<void> {
    if (!this.worker) return;
    const copy = (split: SplitBytes): SplitBytes => ({ images: split.images.slice(), labels: split.labels.slice(), count: split.count });
    const train = copy(dataset.train);
    const test = copy(dataset.test);
    await this.worker.request('setDataset', { name: dataset.name, train, test }, [
      train.images.buffer,
      train.labels.buffer,
      test.images.buffer,
      test.labels.buffer,
    ]);
    this.inWorker = dataset.name;
  }
}
