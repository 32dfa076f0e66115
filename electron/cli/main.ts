/** `mnist-lab <command>`: the lab's services and engine from a terminal. */
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { runDataset } from './dataset.ts';
import { runExperimentCli } from './experiment.ts';
import { runExport } from './export.ts';
import { runTrain } from './train.ts';
import { settingsFromEnv } from '../services/settings.ts';

/** assets/datasets of this checkout, found from either the source or the built file. */
function bundledDatasetsDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'datasets');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
const USAGE = `Usage: mnist-lab <command> [options]

Commands:
  dataset download|import|verify|list   get and check datasets
  train [--preset chollet-ch2] …         train a model in this terminal
  export <run id | model dir> --out DIR  write Keras, ONNX, NumPy and TF.js files
  experiment list | run NAME [--json]    answer a ch. 2 question by training its variants
  help                                  this text
`;

const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
};

/** Ctrl+C cancels cleanly (temp files removed) instead of killing mid-write. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}

async function runDatasetCommand(argv: string[]): Promise<number> {
  const settings = settingsFromEnv(process.env);
  return runDataset(argv, io, {
    dataDir: settings.dataDir,
    ...(settings.mirrors ? { mirrors: settings.mirrors } : {}),
    bundledDir: bundledDatasetsDir(),
    signal: interruptSignal(),
  });
}

async function main(argv: string[]): Promise<number> {
  // Production mode: no "install tfjs-node" banner in the middle of the user's output (we run
  // TF.js's WebAssembly backend on purpose, the same engine as the app).
  tf.enableProdMode();
  const [command] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    case 'dataset':
      return runDatasetCommand(argv.slice(1));
    case 'train':
      return runTrain(argv.slice(1), io, { dataDir: settingsFromEnv(process.env).dataDir, record: { appVersion: packageJson.version } });
    case 'experiment':
      return runExperimentCli(argv.slice(1), io, { dataDir: settingsFromEnv(process.env).dataDir, appVersion: packageJson.version, signal: interruptSignal() });
    case 'export':
      return runExport(argv.slice(1), io, { dataDir: settingsFromEnv(process.env).dataDir });
    default:
      process.stderr.write(`mnist-lab: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`mnist-lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
