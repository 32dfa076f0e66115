import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gzippedMnist, MNIST_FILES, startMnistMirror, type MirrorMode, type MnistMirror } from '../../../test-support/mnist-mirror.ts';
import { loadMnist, type MnistFile } from '../../../test-support/mnist-files.ts';
import { CATALOG, type CatalogDataset } from './catalog.ts';
import { DatasetError } from './errors.ts';
import type { HttpGet } from './http-fetch.ts';
import type { DatasetProgress } from '../../api/contracts/datasets.ts';
import { createDatasetService, type DatasetServiceOptions } from './service.ts';
import { datasetDir, listTempFiles } from './store.ts';

// Generous timeouts (a busy 2-core machine must not turn a slow answer into a failure), short
// backoff; the timeout cases use SHORT on purpose.
const FAST = { connectTimeoutMs: 10_000, idleTimeoutMs: 10_000, retries: 2, backoffMs: 5 };
const SHORT = { ...FAST, connectTimeoutMs: 400, idleTimeoutMs: 400 };
const SMALLEST = 't10k-labels-idx1-ubyte'; // fetched first (small files first)

let a: MnistMirror;
let b: MnistMirror;
const dirs: string[] = [];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mnist-lab-dl-'));
  dirs.push(dir);
  return dir;
}

function service(dataDir: string, mirrors: string[], extra: Partial<DatasetServiceOptions> = {}) {
  return createDatasetService({ dataDir, mirrors, download: FAST, ...extra });
}

async function entries(dataDir: string): Promise<string[]> {
  return (await readdir(datasetDir(dataDir, 'mnist')).catch(() => [] as string[])).sort();
}

async function failure(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

beforeAll(async () => {
  await Promise.all(MNIST_FILES.map((f) => gzippedMnist(f))); // gzip once, before any timeout is armed
  [a, b] = await Promise.all([startMnistMirror(), startMnistMirror()]);
});

afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

beforeEach(() => {
  a.reset();
  b.reset();
});

describe('download', () => {
  it('fetches, verifies and stores the real MNIST, small files first, with progress', async () => {
    const dataDir = await freshDir();
    const events: DatasetProgress[] = [];
    const info = await service(dataDir, [a.url]).download('mnist', { onProgress: (p) => events.push(p) });

    expect(info.status).toBe('ready');
    expect(a.requests.map((r) => r.file)).toEqual([
      't10k-labels-idx1-ubyte',
      'train-labels-idx1-ubyte',
      't10k-images-idx3-ubyte',
      'train-images-idx3-ubyte',
    ]);
    expect(await entries(dataDir)).toEqual(['.stamp.json', ...MNIST_FILES].sort());

    const total = 47040016 + 60008 + 7840016 + 10008;
    expect(events.every((e) => e.bytesTotal === total && e.mirror === a.url && e.fileCount === 4)).toBe(true);
    const done = events.map((e) => e.bytesDone);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(events.at(-1)).toMatchObject({ bytesDone: total, file: 'train-images-idx3-ubyte', fileBytes: 47040016 });
    expect(new Set(events.map((e) => e.file)).size).toBe(4);

    const data = await service(dataDir, [a.url]).load('mnist');
    const test = loadMnist('test');
    expect(data.train.count).toBe(60000);
    expect(data.train.images.length).toBe(60000 * 784);
    expect(data.test.labels).toEqual(test.labels);
    expect(Buffer.from(data.test.images).equals(Buffer.from(test.images))).toBe(true);
  });

  it('retries a transient failure on the same mirror with backoff, then moves on; later files start at the mirror that worked', async () => {
    const dataDir = await freshDir();
    a.setMode('*', 'http500');
    const info = await service(dataDir, [a.url, b.url]).download('mnist');
    expect(info.status).toBe('ready');
    // 1 try + 2 retries on A for the first file only; B serves it and every later file
    expect(a.requests.map((r) => r.file)).toEqual([SMALLEST, SMALLEST, SMALLEST]);
    expect(b.requests).toHaveLength(4);
  });

  it('does not retry a mirror that answers 403, and recovers from one reset on the same mirror', async () => {
    const dataDir = await freshDir();
    a.setMode(SMALLEST, 'http403');
    b.setMode(SMALLEST, 'reset', 1);
    const info = await service(dataDir, [a.url, b.url]).download('mnist');
    expect(info.status).toBe('ready');
    expect(a.requests.map((r) => r.mode)).toEqual(['http403']);
    expect(b.requests.filter((r) => r.file === SMALLEST).map((r) => r.mode)).toEqual(['reset', 'ok']);
  });

  it('follows a redirect within the loopback mirror', async () => {
    const dataDir = await freshDir();
    a.setMode('*', 'redirect');
    expect((await service(dataDir, [a.url]).download('mnist')).status).toBe('ready');
    expect(a.requests.filter((r) => r.path.startsWith('/direct/'))).toHaveLength(4);
  });

  const failures: [MirrorMode, RegExp][] = [
    ['http404', /HTTP 404$/m],
    ['hang', /timeout after 0\.4s waiting for an answer \(3 attempts\)$/m],
    ['stall', /timeout after 0\.4s without data \(3 attempts\)$/m],
    ['reset', /connection reset \(3 attempts\)$/m],
    ['truncate', /ended early \(truncated gzip data\) \(3 attempts\)$/m],
    ['flip', /checksum mismatch \(SHA-256 [0-9a-f]{12}…, expected ff7bcfd416de…\)$/m],
    ['bomb', /size cap exceeded: more than 10008 bytes after decompression/],
    ['redirectHttp', /redirect to http:\/\/mirror\.invalid refused \(only https is allowed\)$/m],
    ['redirectLoop', /too many redirects \(more than 3\)$/m],
  ];

  it.each(failures)('all mirrors fail (%s): one error naming each mirror and why, nothing cached, no temp files', async (mode, reason) => {
    const dataDir = await freshDir();
    a.setMode(SMALLEST, 'http403');
    b.setMode(SMALLEST, mode);
    const download = mode === 'hang' || mode === 'stall' ? SHORT : FAST;
    const error = await failure(service(dataDir, [a.url, b.url], { download }).download('mnist'));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain(`Could not download ${SMALLEST} from any mirror`);
    expect(error.message).toContain(`${a.url}: HTTP 403\n`);
    const lineB = error.message.split('\n').find((l) => l.includes(b.url));
    expect(lineB).toMatch(reason);
    expect(await entries(dataDir)).toEqual([]);
  });

  it('keeps corrupt data out of a partly filled cache, leaving the good files untouched', async () => {
    const dataDir = await freshDir();
    await service(dataDir, [a.url]).download('mnist');
    const dir = datasetDir(dataDir, 'mnist');
    await rm(join(dir, 't10k-images-idx3-ubyte'));
    const before = await Promise.all(['train-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map((f) => stat(join(dir, f))));
    a.reset();
    a.setMode('*', 'flip');
    b.setMode('*', 'bomb');
    const error = await failure(service(dataDir, [a.url, b.url]).download('mnist'));
    expect(error.message).toMatch(/checksum mismatch/);
    expect(error.message).toMatch(/size cap exceeded/);
    expect(a.requests.map((r) => r.file)).toEqual(['t10k-images-idx3-ubyte']); // only the missing file is fetched
    const after = await Promise.all(['train-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map((f) => stat(join(dir, f))));
    expect(after.map((s) => s.mtimeMs)).toEqual(before.map((s) => s.mtimeMs));
    expect(await listTempFiles(dir)).toEqual([]);
    expect((await service(dataDir, [a.url]).status('mnist')).status).toBe('partial');
  });

  it('cancels through an AbortSignal, deleting the files already fetched in this download', async () => {
    const dataDir = await freshDir();
    const slow = await startMnistMirror({ modes: { 'train-images-idx3-ubyte': 'slow' }, slowChunkBytes: 16 * 1024, slowIntervalMs: 10 });
    try {
      const controller = new AbortController();
      let tempsSeen: string[] = [];
      const promise = service(dataDir, [slow.url]).download('mnist', {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.file === 'train-images-idx3-ubyte' && p.fileBytes > 0 && !controller.signal.aborted) {
            void listTempFiles(datasetDir(dataDir, 'mnist')).then((temps) => {
              tempsSeen = temps;
              controller.abort();
            });
          }
        },
      });
      const error = await failure(promise);
      expect(error.code).toBe('CANCELLED');
      expect(tempsSeen).toHaveLength(4); // 3 finished + 1 in flight, none under a final name
      expect(await entries(dataDir)).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('survives a SIGKILL mid-download: no partial dataset, temp files cleaned at the next start', async () => {
    const dataDir = await freshDir();
    const slow = await startMnistMirror({ modes: { 'train-images-idx3-ubyte': 'slow' }, slowChunkBytes: 16 * 1024, slowIntervalMs: 10 });
    try {
      const script = join(dataDir, 'child.mts');
      const serviceUrl = pathToFileURL(join(import.meta.dirname, 'service.ts')).href;
      await writeFile(
        script,
        `import { createDatasetService } from ${JSON.stringify(serviceUrl)};
const [dataDir, mirror] = process.argv.slice(2);
await createDatasetService({ dataDir, mirrors: [mirror] }).download('mnist', {
  onProgress: (p) => { if (p.fileBytes > 0) process.stdout.write(p.file + '\\n'); },
});
process.stdout.write('finished\\n');
`,
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, slow.url], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (seen.includes('train-images-idx3-ubyte')) resolve();
          if (seen.includes('finished')) reject(new Error('the child finished before it could be killed'));
        });
        child.on('exit', () => reject(new Error('the child exited on its own')));
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const dir = datasetDir(dataDir, 'mnist');
      expect((await listTempFiles(dir)).length).toBeGreaterThan(0); // the crash left its temp files behind
      const next = createDatasetService({ dataDir });
      const removed = await next.cleanTemp();
      expect(removed.length).toBeGreaterThan(0);
      expect(await entries(dataDir)).toEqual([]);
      expect((await next.status('mnist')).status).toBe('missing');
    } finally {
      await slow.close();
    }
  });
});

describe('a dataset without pinned SHA-256 (how Fashion-MNIST is handled until pinned)', () => {
  async function unpinnedCatalog(): Promise<CatalogDataset[]> {
    const mnist = CATALOG.find((d) => d.name === 'mnist')!;
    const files = await Promise.all(
      mnist.files.map(async (f) => ({ ...f, sha256: null, gzMd5: createHash('md5').update(await gzippedMnist(f.file as MnistFile)).digest('hex') })),
    );
    return [{ ...mnist, name: 'unpinned', files }];
  }

  it('checks the published .gz MD5 on download, then guards the files with the SHA-256 it remembered', async () => {
    const dataDir = await freshDir();
    const catalog = await unpinnedCatalog();
    b.setMode(SMALLEST, 'flip');
    const error = await failure(service(dataDir, [b.url], { catalog }).download('unpinned'));
    expect(error.message).toMatch(/checksum mismatch \(MD5 of the \.gz is [0-9a-f]{32}, expected [0-9a-f]{32}\)$/m);

    const svc = service(dataDir, [a.url], { catalog });
    const info = await svc.download('unpinned');
    expect(info).toMatchObject({ status: 'ready', pinned: false });
    const labels = join(datasetDir(dataDir, 'unpinned'), 't10k-labels-idx1-ubyte');
    const bytes = await readFile(labels);
    bytes[100] = bytes[100]! ^ 1;
    await writeFile(labels, bytes);
    expect((await svc.status('unpinned')).status).toBe('corrupt');
    await rm(join(datasetDir(dataDir, 'unpinned'), '.stamp.json'));
    expect((await svc.status('unpinned')).files.find((f) => f.file === 't10k-labels-idx1-ubyte')?.reason).toBe(
      'no checksum on record for this file; download or import it again',
    );
  });
});

describe('mirror rules', () => {
  it('refuses a plain-http mirror that is not this computer', () => {
    expect(() => createDatasetService({ dataDir: '/nonexistent', mirrors: ['http://example.com/mnist/'] })).toThrow(
      expect.objectContaining({ code: 'BAD_MIRROR' }),
    );
  });

  it('refuses a redirect from a catalog https mirror to http, even to loopback', async () => {
    const dataDir = await freshDir();
    const seen: string[] = [];
    const fetchImpl: HttpGet = async (url) => {
      seen.push(url.href);
      return { status: 302, location: `http://127.0.0.1:1/${url.pathname}`, contentLength: 0, body: Readable.from([]) };
    };
    const error = await failure(createDatasetService({ dataDir, fetchImpl, download: FAST }).download('mnist'));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain('https://ossci-datasets.s3.amazonaws.com/mnist/: redirect to http://127.0.0.1:1 refused');
    expect(error.message).toContain('https://storage.googleapis.com/cvdf-datasets/mnist/: redirect to http://127.0.0.1:1 refused');
    expect(seen).toEqual([
      'https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz',
      'https://storage.googleapis.com/cvdf-datasets/mnist/t10k-labels-idx1-ubyte.gz',
    ]);
  });
});
