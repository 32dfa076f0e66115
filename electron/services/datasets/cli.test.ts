/** `mnist-lab dataset …` (electron/cli/dataset.ts) against the loopback mirror. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistFilePath } from '../../../test-support/mnist-files.ts';
import { gzippedMnist, MNIST_FILES, startMnistMirror, type MnistMirror } from '../../../test-support/mnist-mirror.ts';
import { runDataset } from '../../cli/dataset.ts';

let mirror: MnistMirror;
let work: string;

function terminal(isTTY: boolean) {
  const io = { out: '', err: '' };
  return { io, streams: { out: (s: string) => void (io.out += s), err: (s: string) => void (io.err += s), isTTY } };
}

beforeAll(async () => {
  await Promise.all(MNIST_FILES.map((f) => gzippedMnist(f)));
  mirror = await startMnistMirror();
  work = await mkdtemp(join(tmpdir(), 'mnist-lab-cli-'));
});

afterAll(async () => {
  await mirror.close();
  await rm(work, { recursive: true, force: true });
});

describe('mnist-lab dataset', () => {
  it('lists, downloads with a progress bar on a terminal, then verifies', async () => {
    const dataDir = await mkdtemp(join(work, 'data-'));
    const env = { dataDir, mirrors: [mirror.url] };

    const list = terminal(false);
    expect(await runDataset(['list'], list.streams, env)).toBe(0);
    expect(list.io.out).toMatch(/^mnist +missing +MNIST handwritten digits$/m);
    expect(list.io.out).toMatch(/^fashion-mnist +missing +Fashion-MNIST clothing pictures \(checksums not pinned yet\)$/m);

    const download = terminal(true);
    expect(await runDataset(['download', '--name', 'mnist'], download.streams, env)).toBe(0);
    expect(download.io.out).toMatch(/\r\[#{24}\] 100% {2}55\.0 MB \/ 55\.0 MB .* train-images-idx3-ubyte \(4\/4\) from 127\.0\.0\.1:\d+/);
    expect(download.io.out).toMatch(/\nmnist +ready +MNIST handwritten digits\n$/);
    expect(download.io.err).toBe('');

    const verify = terminal(false);
    expect(await runDataset(['dataset', 'verify'], verify.streams, env)).toBe(0);
    expect(verify.io.out).toMatch(/^mnist +ready/);
  });

  it('prints one line per file when not on a terminal', async () => {
    const dataDir = await mkdtemp(join(work, 'data-'));
    const run = terminal(false);
    expect(await runDataset(['download'], run.streams, { dataDir, mirrors: [mirror.url] })).toBe(0);
    expect(run.io.out.split('\n').filter((l) => l.startsWith('downloading '))).toEqual([
      `downloading t10k-labels-idx1-ubyte (1/4) from ${mirror.url}`,
      `downloading train-labels-idx1-ubyte (2/4) from ${mirror.url}`,
      `downloading t10k-images-idx3-ubyte (3/4) from ${mirror.url}`,
      `downloading train-images-idx3-ubyte (4/4) from ${mirror.url}`,
    ]);
    expect(run.io.out).not.toContain('\r');
  });

  it('fails with the service error and a non-zero exit code', async () => {
    const dataDir = await mkdtemp(join(work, 'data-'));
    mirror.setMode('*', 'http403', 1);
    const download = terminal(false);
    expect(await runDataset(['download'], download.streams, { dataDir, mirrors: [mirror.url] })).toBe(1);
    expect(download.io.err).toBe(
      `mnist-lab dataset: Could not download t10k-labels-idx1-ubyte from any mirror. Nothing was changed.\n  - ${mirror.url}: HTTP 403\n`,
    );

    const bad = join(work, 'notes.txt');
    await writeFile(bad, 'hello world');
    const files = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte'] as const;
    const imported = terminal(false);
    expect(await runDataset(['import', ...files.map(mnistFilePath), bad], imported.streams, { dataDir })).toBe(1);
    expect(imported.io.err).toMatch(/^mnist-lab dataset: notes\.txt: not an MNIST-style IDX file/);

    const verify = terminal(false);
    expect(await runDataset(['verify'], verify.streams, { dataDir })).toBe(1);
    expect(verify.io.out).toMatch(/^mnist +missing/);
  });

  it('imports files and answers usage errors with exit code 2', async () => {
    const dataDir = await mkdtemp(join(work, 'data-'));
    const files = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;
    const imported = terminal(false);
    expect(await runDataset(['import', ...files.map(mnistFilePath)], imported.streams, { dataDir })).toBe(0);
    expect(imported.io.out).toMatch(/^imported 4 file\(s\)\nmnist +ready/);

    for (const argv of [[], ['frobnicate'], ['import'], ['download', '--name'], ['list', '--fast'], ['list', 'extra']]) {
      const run = terminal(false);
      expect({ argv, code: await runDataset(argv, run.streams, { dataDir }) }).toEqual({ argv, code: 2 });
      expect(run.io.err).toContain('Usage: mnist-lab dataset');
    }
    const unknown = terminal(false);
    expect(await runDataset(['download', '--name', 'cifar'], unknown.streams, { dataDir })).toBe(1);
    expect(unknown.io.err).toBe('mnist-lab dataset: There is no dataset called "cifar". Known datasets: mnist, fashion-mnist.\n');
  });
});
