/**
 * `mnist-lab train`: trains a preset (or a spec file) in this terminal with the same engine the
 * app's worker runs, prints one line per epoch and the test accuracy, and saves the model in
 * TF.js layers format (model.json + weights.bin, each written atomically).
 * `io.out`/`io.err` receive raw text (this module adds the newlines). Exit codes: 0 done,
 * 1 training or data failed (the message says why), 2 the command line or the spec was wrong.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../workers/engine/backend.ts';
import { isPresetName, presetSpec, PRESET_NAMES, validateSpec } from '../../workers/engine/spec/index.ts';
import type { ModelSpec } from '../../workers/engine/spec/index.ts';
import { createTraining } from '../../workers/engine/train/training.ts';
import type { TrainingEvent } from '../../workers/engine/train/events.ts';
import { createDatasetService, DatasetError, type LoadedDataset } from '../services/datasets/index.ts';
import { captureModelArtifacts, modelJson, TFJS_WEIGHTS_FILE } from '../../workers/engine/export/tfjs.ts';
import { writeFileAtomic } from '../services/atomic-file.ts';
import { createCliRunLog } from './run-log.ts';
import { cliBackend, UsageError, type CliBackend } from './usage.ts';

export interface TrainCliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stderr is a terminal: draw a progress bar */
  isTTY?: boolean;
}

export const TRAIN_USAGE = `Usage: mnist-lab train [options]

Options:
  --dataset NAME     a dataset of the catalog, e.g. mnist | fashion-mnist (default mnist)
  --preset NAME      ${PRESET_NAMES.join(' | ')} (default chollet-ch2)
  --spec FILE        a JSON model spec instead of a preset
  --epochs N         override fit.epochs
  --batch-size N     override fit.batch_size
  --subset N         train on the first N training images
  --seed N           override fit.seed
  --backend NAME     wasm | cpu (default wasm)
  --out DIR          save the trained model there (model.json + weights.bin)
  --json             print events as JSON lines instead of text
`;

interface TrainArgs {
  dataset: string;
  preset: string;
  specFile: string | null;
  epochs: number | null;
  batchSize: number | null;
  subset: number | null;
  seed: number | null;
  backend: CliBackend;
  out: string | null;
  json: boolean;
  help: boolean;
}

function parseArgs(argv: readonly string[]): TrainArgs {
  const words = argv[0] === 'train' ? argv.slice(1) : [...argv];
  const args: TrainArgs = {
    dataset: 'mnist', preset: 'chollet-ch2', specFile: null, epochs: null, batchSize: null, subset: null, seed: null,
    backend: 'wasm', out: null, json: false, help: false,
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const eq = word.indexOf('=');
    const flag = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    const value = (): string => {
      const v = word.startsWith('--') && eq > 0 ? word.slice(eq + 1) : words[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const integer = (min: number): number => {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`${flag} needs a whole number ≥ ${min}, not ${JSON.stringify(v)}`);
      return Number(v);
    };
    switch (flag) {
      case '--dataset': args.dataset = value(); break;
      case '--preset': args.preset = value(); break;
      case '--spec': args.specFile = value(); break;
      case '--epochs': args.epochs = integer(1); break;
      case '--batch-size': args.batchSize = integer(1); break;
      case '--subset': args.subset = integer(1); break;
      case '--seed': args.seed = integer(0); break;
      case '--out': args.out = value(); break;
      case '--json': args.json = true; break;
      case '--help': case '-h': args.help = true; break;
      case '--backend': args.backend = cliBackend(value()); break;
      default:
        throw new UsageError(word.startsWith('-') ? `unknown option ${word}` : `unexpected argument ${JSON.stringify(word)}`);
    }
  }
  return args;
}

async function loadSpec(args: TrainArgs): Promise<ModelSpec> {
  let raw: unknown;
  if (args.specFile) {
    let text: string;
    try {
      text = await readFile(args.specFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read the spec file ${args.specFile}: ${(error as Error).message}`);
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${args.specFile} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    if (!isPresetName(args.preset)) throw new UsageError(`unknown preset ${JSON.stringify(args.preset)}; choose one of ${PRESET_NAMES.join(', ')}`);
    raw = presetSpec(args.preset);
  }
  const spec = raw as { fit?: Record<string, unknown> };
  if (typeof spec === 'object' && spec !== null) {
    const fit = { ...(spec.fit ?? {}) };
    if (args.epochs !== null) fit['epochs'] = args.epochs;
    if (args.batchSize !== null) fit['batch_size'] = args.batchSize;
    if (args.subset !== null) fit['subset'] = args.subset;
    if (args.seed !== null) fit['seed'] = args.seed;
    spec.fit = fit;
  }
  const report = validateSpec(raw);
  if (!report.spec) throw new UsageError(`the model spec has problems:\n  ${report.errors.map((e) => e.message).join('\n  ')}`);
  return report.spec;
}

/** Saves the model as TF.js files (model.json + weights.bin) in `dir`, each written atomically. */
export async function saveModelFiles(model: tf.LayersModel, dir: string): Promise<void> {
  const artifacts = await captureModelArtifacts(model);
  const weights = new Uint8Array(artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0));
  // weights first: a model.json never points at a missing or stale weights.bin of another save
  writeFileAtomic(join(dir, TFJS_WEIGHTS_FILE), weights);
  writeFileAtomic(join(dir, 'model.json'), JSON.stringify(modelJson(artifacts)));
}

const pct = (x: number) => x.toFixed(4);

function progressBar(e: Extract<TrainingEvent, { type: 'batch' }>, epochs: number): string {
  const width = 30;
  const filled = Math.round((e.batch / e.batchesPerEpoch) * width);
  const bar = '='.repeat(Math.max(filled - 1, 0)) + (filled > 0 ? '>' : '') + ' '.repeat(width - filled);
  return `\repoch ${e.epoch}/${epochs} [${bar}] ${e.batch}/${e.batchesPerEpoch} loss ${pct(e.epochLoss)} accuracy ${pct(e.epochAccuracy)} ${Math.round(e.samplesPerSecond)}/s `;
}

function epochLine(e: Extract<TrainingEvent, { type: 'epoch' }>): string {
  const val = e.val_loss === null ? '' : ` val_loss=${pct(e.val_loss)} val_accuracy=${pct(e.val_accuracy!)}`;
  return `epoch ${e.epoch}/${e.epochs} loss=${pct(e.loss)} accuracy=${pct(e.accuracy)}${val} time=${e.seconds.toFixed(1)}s\n`;
}

export interface TrainContext {
  /** the lab's data folder (LabSettings.dataDir): the dataset is read from it through the datasets service, as the hosts do */
  dataDir: string;
  /** keep the run in the data folder like the app does (the CLI does; tests may not) */
  record?: { appVersion: string };
}

/** The dataset through the datasets service; a dataset that is not ready is a clear message, not a stack trace. */
async function loadDataset(dataDir: string, name: string, io: TrainCliIo): Promise<LoadedDataset | null> {
  try {
    return await createDatasetService({ dataDir }).load(name);
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    const hint = error.code === 'NOT_READY' ? `\nGet it with \`mnist-lab dataset download --name ${name}\` (or \`dataset import\`).` : '';
    io.err(`mnist-lab train: ${error.message}${hint}\n`);
    return null;
  }
}

export async function runTrain(argv: string[], io: TrainCliIo, context: TrainContext): Promise<number> {
  let args: TrainArgs;
  let spec: ModelSpec;
  try {
    args = parseArgs(argv);
    if (args.help) {
      io.out(TRAIN_USAGE);
      return 0;
    }
    spec = await loadSpec(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mnist-lab train: ${error.message}\n\n${TRAIN_USAGE}`);
    return 2;
  }

  const dataset = await loadDataset(context.dataDir, args.dataset, io);
  if (!dataset) return 1;
  const { train, test } = dataset;

  const info = await initBackend(args.backend);
  const report = validateSpec(spec);
  if (!args.json) {
    io.err(
      `${spec.name ?? 'model'}: ${report.totalParams.toLocaleString('en-US')} parameters; backend ${info.backend}` +
        `${info.backend === 'wasm' ? ` (simd ${info.simd ? 'on' : 'off'}, ${info.threads} thread${info.threads === 1 ? '' : 's'})` : ''}; data ${dataset.name}\n`,
    );
  }

  let barShown = false;
  const clearBar = () => {
    if (barShown) io.err('\r\x1b[2K');
    barShown = false;
  };
  const onEvent = (e: TrainingEvent) => {
    if (args.json) {
      io.out(`${JSON.stringify(e)}\n`);
      return;
    }
    switch (e.type) {
      case 'batch':
        if (io.isTTY) {
          io.err(progressBar(e, spec.fit.epochs));
          barShown = true;
        }
        break;
      case 'epoch':
        clearBar();
        io.out(epochLine(e));
        break;
      case 'done':
        clearBar();
        if (e.status === 'stopped') io.err(`stopped after ${e.epochsCompleted} complete epoch(s)\n`);
        if (e.test) io.out(`test_loss=${pct(e.test.loss)}\ntest_accuracy=${pct(e.test.accuracy)}\n`);
        break;
      case 'error':
        clearBar();
        io.err(`mnist-lab train: ${e.message}\n`);
        break;
      default:
        break;
    }
  };

  const { record } = context;
  const runLog = record
    ? createCliRunLog(context.dataDir, spec, { dataset: dataset.name, backend: info.backend, threads: info.threads, appVersion: record.appVersion })
    : undefined;
  const run = createTraining({
    spec,
    train,
    test,
    onEvent: (event) => {
      // `run` is assigned by the time an epoch ends; 'start' is emitted while it is being created.
      runLog?.onEvent(event, () => run.model);
      onEvent(event);
    },
  });
  // Ctrl-C stops after the current batch; the model trained so far is still evaluated and saved.
  const onSigint = () => run.stop();
  process.once('SIGINT', onSigint);
  try {
    const done = await run.done;
    if (runLog) {
      const runId = await runLog.settled().catch((error: unknown) => {
        io.err(`mnist-lab train: could not record the run: ${error instanceof Error ? error.message : String(error)}\n`);
        return undefined;
      });
      if (runId && !args.json) io.err(`recorded as run ${runId} (see the Runs panel; mnist-lab export ${runId} --out DIR)\n`);
    }
    if (done.type === 'error') return 1;
    if (args.out) {
      const outDir = resolve(args.out);
      run.model.setUserDefinedMetadata({ mnist_lab: { spec, preprocessing: done.transform } });
      try {
        await saveModelFiles(run.model, outDir);
      } catch (error) {
        io.err(`mnist-lab train: cannot save the model to ${outDir}: ${(error as Error).message}\n`);
        return 1;
      }
      if (args.json) io.out(`${JSON.stringify({ type: 'saved', dir: outDir, files: ['model.json', 'weights.bin'] })}\n`);
      else io.out(`saved ${join(outDir, 'model.json')}\n`);
    }
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    run.model.dispose();
  }
}
