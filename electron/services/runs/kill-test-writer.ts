/**
 * Child process of the storage kill test (service.kill.test.ts): creates runs and saves epochs,
 * batch points and checkpoints as fast as it can until it is killed. Prints "ready" once the
 * first run exists so the parent kills it mid-save rather than during start-up.
 *   node --import tsx electron/services/runs/kill-test-writer.ts <dataDir>
 */
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import { createRunsService } from './service.ts';
import { sampleModelBlob } from './test-blob.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: kill-test-writer.ts <dataDir>');
const service = createRunsService({ dataDir });
const spec = presetSpec('chollet-ch2');
spec.fit.epochs = 3;
let announced = false;
for (let run = 0; ; run++) {
  const { id } = service.create({ spec, settings: { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: 'test', trainCount: 60000, validationCount: 0 } });
  if (!announced) {
    process.stdout.write('ready\n');
    announced = true;
  }
  for (let epoch = 1; epoch <= 3; epoch++) {
    const batches = Array.from({ length: 469 }, (_, i) => ({ epoch, batch: i + 1, loss: 1 / (i + 1), acc: 0.5 }));
    service.recordEpoch(id, { epoch, loss: 0.3, acc: 0.9, val_loss: null, val_acc: null, seconds: 1 }, batches);
    service.checkpoint(id, epoch, sampleModelBlob(1_628_200, epoch));
  }
  service.finish(id, { status: run % 2 === 0 ? 'finished' : 'stopped' });
}
