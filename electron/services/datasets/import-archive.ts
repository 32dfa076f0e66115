/**
 * Import from a browser upload: the web host cannot name files on the user's disk, so the renderer
 * sends the chosen files as one uncompressed zip. They are unpacked into a private temp folder and
 * imported exactly like files picked in a dialog, then the folder is removed.
 */
import { unzipSync } from 'fflate';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DatasetError } from './errors.ts';
import type { DatasetSummary } from '../../api/contracts/datasets.ts';
import type { DatasetService } from './service.ts';
import { uploadFolderPrefix } from './store.ts';

/** Larger than the four MNIST files together (55 MB) or a Keras mnist.npz, with room to spare. */
export const MAX_ARCHIVE_CONTENT = 160 * 1024 * 1024;
const MAX_FILES = 8;

export async function importArchive(service: DatasetService, dataDir: string, name: string, zip: Uint8Array): Promise<DatasetSummary> {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      // fflate reports each entry's declared size before inflating it: refuse bombs up front.
      filter: (entry) => {
        total += entry.originalSize;
        if (total > MAX_ARCHIVE_CONTENT) throw new DatasetError('TOO_LARGE', 'The uploaded files are larger than any MNIST-format dataset.');
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError('NOT_A_DATASET_FILE', 'The upload could not be read (not a valid archive of the chosen files).');
  }
  const names = Object.keys(files).filter((entry) => !entry.endsWith('/'));
  if (names.length === 0) throw new DatasetError('MISSING_ROLE', 'No files were uploaded.');
  if (names.length > MAX_FILES) throw new DatasetError('NOT_A_DATASET_FILE', `Choose at most ${MAX_FILES} files (the 4 IDX files, or one mnist.npz).`);
  const folder = await mkdtemp(uploadFolderPrefix(dataDir));
  try {
    const paths: string[] = [];
    for (const [index, entry] of names.entries()) {
      // Only the base name survives, prefixed to stay unique: no path from the upload is trusted.
      const path = join(folder, `${index}-${basename(entry).replace(/[^\w.-]/g, '_')}`);
      await writeFile(path, files[entry]!, { mode: 0o600 });
      paths.push(path);
    }
    return await service.importFiles(name, paths);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
