/**
 * `mnist-lab export <run id | TF.js model folder> [--format tfjs,keras,onnx,npz] --out DIR`:
 * the same encoders as the app, run in Node; every file written atomically.
 */
import type * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '../../workers/engine/backend.ts';
import type { PixelTransform } from '../../workers/engine/data.ts';
import { EXPORT_FORMATS, exportMetaFor, exportModel } from '../../workers/engine/export/index.ts';
import type { ExportFormat } from '../../workers/engine/export/types.ts';
import { modelFromArtifacts, type TfjsModelJson } from '../../workers/engine/import/import-model.ts';
import { decodeModelBlob } from '../../workers/model-blob.ts';
import { RUN_ID_PATTERN } from '../api/contracts/runs.ts';
import { writeFileAtomic } from '../services/atomic-file.ts';
import { createRunsService } from '../services/runs/index.ts';

export const EXPORT_USAGE = `Usage: mnist-lab export <run id | TF.js model folder> --out DIR [--format ${EXPORT_FORMATS.join(',')}]

  <run id>           a run kept in the data folder (see the Runs panel), e.g. 2026-11-29T12-58-03-ab12
  <model folder>     a folder with model.json + weights.bin (e.g. from mnist-lab train --out)
  --format LIST      comma-separated formats (default: all)
  --out DIR          where to write; one sub-folder per format
`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

interface LoadedModel {
  model: tf.LayersModel;
  name: string;
  transform: PixelTransform;
}

async function loadSource(source: string, dataDir: string): Promise<LoadedModel> {
  if (RUN_ID_PATTERN.test(source)) {
    const runs = createRunsService({ dataDir });
    const record = runs.get(source);
    const { modelJson, weights } = decodeModelBlob(runs.loadModel(source));
    const transform = record.transform ?? { mode: record.spec.preprocessing, mean: 0, std: 1 };
    return { model: await modelFromArtifacts(modelJson as TfjsModelJson, weights), name: record.name, transform };
  }
  const modelPath = join(source, 'model.json');
  if (!existsSync(modelPath)) throw new Error(`${source} is neither a run id nor a folder with model.json`);
  const modelJson = JSON.parse(readFileSync(modelPath, 'utf8')) as TfjsModelJson;
  const weights = new Uint8Array(readFileSync(join(source, 'weights.bin')));
  const saved = modelJson.userDefinedMetadata?.mnist_lab?.preprocessing;
  return { model: await modelFromArtifacts(modelJson, weights), name: source, transform: saved ?? { mode: 'scale', mean: 0, std: 1 } };
}

function parseFormats(value: string | undefined): ExportFormat[] {
  if (value === undefined) return [...EXPORT_FORMATS];
  const formats = value.split(',').map((f) => f.trim());
  const unknown = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new Error(`unknown format ${unknown.join(', ')} (choose from ${EXPORT_FORMATS.join(', ')})`);
  return formats as ExportFormat[];
}

export async function runExport(argv: string[], io: Io, env: { dataDir: string }): Promise<number> {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const source = argv.find((arg, i) => !arg.startsWith('--') && !['--out', '--format'].includes(argv[i - 1] ?? ''));
  const outDir = option('--out');
  if (argv.includes('--help') || !source || !outDir) {
    (argv.includes('--help') ? io.out : io.err)(EXPORT_USAGE);
    return argv.includes('--help') ? 0 : 2;
  }
  let formats: ExportFormat[];
  try {
    formats = parseFormats(option('--format'));
  } catch (error) {
    io.err(`mnist-lab export: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    await initBackend('cpu');
    const { model, name, transform } = await loadSource(source, env.dataDir);
    const { files } = await exportModel(model, formats, exportMetaFor(transform, name));
    model.dispose();
    for (const file of files) writeFileAtomic(join(outDir, file.name), file.bytes);
    io.out(`${files.length} files written to ${outDir} (${formats.join(', ')})\n`);
    return 0;
  } catch (error) {
    io.err(`mnist-lab export: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
