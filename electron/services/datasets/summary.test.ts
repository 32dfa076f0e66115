/** The dataset summary every host and the CLI show is the catalog's words plus the state on disk. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatasetService } from './service.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'dataset-summary-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('dataset summaries', () => {
  it('carry the description and split sizes from catalog.json and the files as the disk has them', async () => {
    const [mnist, fashion] = await createDatasetService({ dataDir, bundledDir: join(dataDir, 'none') }).list();
    expect(mnist).toMatchObject({ name: 'mnist', status: 'missing', trainCount: 60000, testCount: 10000, pinned: true, bundled: false });
    expect(mnist!.description).toMatch(/28×28/);
    expect(mnist!.files[0]).toEqual({ file: 'train-images-idx3-ubyte', role: 'trainImages', status: 'missing', size: null, expectedSize: 47040016 });
    expect(fashion).toMatchObject({ name: 'fashion-mnist', pinned: false, classes: expect.arrayContaining(['Ankle boot']) });
    expect(fashion!.description).toMatch(/Zalando/);
  });
});
