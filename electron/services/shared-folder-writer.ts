/**
 * Child process of the shared-data-folder test (shared-data-folder.test.ts): a second MNIST Lab
 * process on the same data folder, doing one job, then printing one JSON line.
 *   node --import tsx electron/services/shared-folder-writer.ts <dataDir> train
 *     creates a run, records an epoch, and keeps training it (a write every 50 ms) until killed;
 *     meanwhile it holds a pid-tagged temp file open in the run, a dataset and the handwriting folder
 *     (like a slow download or a save in progress)
 *   node --import tsx electron/services/shared-folder-writer.ts <dataDir> draw <count> <go-file>
 *     prints "ready", waits for <go-file> to exist (so two writers start together), saves <count>
 *     drawings, prints their ids, exits
 */
import { existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { presetSpec } from '../../workers/engine/spec/presets.ts';
import { claimTempPath, ensureDirSync } from './atomic-file.ts';
import { datasetDir } from './datasets/store.ts';
import { createHandwritingService, DRAWINGS_FOLDER, HANDWRITING_FOLDER } from './handwriting.ts';
import { createRunsService } from './runs/index.ts';

const [dataDir, job, ...rest] = process.argv.slice(2);
if (!dataDir || !job) throw new Error('usage: shared-folder-writer.ts <dataDir> train | draw <count> <go-file>');

/** Opens a temp file the way a writer in progress does and keeps it open. */
function holdTemp(target: string): string {
  ensureDirSync(join(target, '..'));
  const path = claimTempPath(target);
  writeSync(openSync(path, 'w', 0o600), 'half written');
  return path;
}

if (job === 'train') {
  const runs = createRunsService({ dataDir });
  const spec = presetSpec('chollet-ch2');
  spec.fit.epochs = 1000;
  const settings = { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: 'test', trainCount: 60000, validationCount: 0 };
  const { id } = runs.create({ spec, settings });
  runs.recordEpoch(id, { epoch: 1, loss: 0.5, acc: 0.8, val_loss: null, val_acc: null, seconds: 1 });
  const temps = [
    holdTemp(join(runs.runsDir, id, 'model-e0002.bin')),
    holdTemp(join(datasetDir(dataDir, 'mnist'), 'train-images-idx3-ubyte')),
    holdTemp(join(dataDir, HANDWRITING_FOLDER, DRAWINGS_FOLDER, 'drawing.json')),
  ];
  process.stdout.write(`${JSON.stringify({ id, temps })}\n`);
  for (let batch = 1; ; batch++) {
    runs.recordBatches(id, [{ epoch: 2, batch, loss: 0.4, acc: 0.85 }]);
    await sleep(50);
  }
} else if (job === 'draw') {
  const count = Number(rest[0]);
  const goFile = rest[1]!;
  const handwriting = createHandwritingService(dataDir);
  process.stdout.write('"ready"\n');
  while (!existsSync(goFile)) await sleep(5);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const pixels = new Uint8Array(784).fill(process.pid % 251);
    ids.push(handwriting.add(i % 10, pixels).id);
  }
  process.stdout.write(`${JSON.stringify({ ids })}\n`);
} else {
  throw new Error(`unknown job ${job}`);
}
