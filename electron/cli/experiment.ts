/**
 * `mnist-lab experiment list | run NAME`: the Experiments panel's definitions, run headless with the
 * same engine; each variant is kept as a run tagged with the experiment (as in the app), then the
 * finding and a table of the variants are printed. Exit codes: 0 done (also when a variant failed:
 * that is the variant's result), 1 data missing or the experiment was interrupted, 2 bad command line.
 */
import { initBackend } from '../../workers/engine/backend.ts';
import type { SplitBytes } from '../../workers/engine/data.ts';
import {
  estimateExperimentSeconds,
  EXPERIMENTS,
  findExperiment,
  formatTable,
  missingResult,
  VariantCollector,
  variantRunName,
  variantSpec,
} from '../../workers/engine/experiments/index.ts';
import type { ExperimentDefinition, VariantResult } from '../../workers/engine/experiments/index.ts';
import { createTraining } from '../../workers/engine/train/training.ts';
import { scoreHandwriting } from './handwriting-score.ts';
import { createCliRunLog } from './run-log.ts';
import { createDatasetService, DatasetError } from '../services/datasets/index.ts';
import type { TrainCliIo } from './train.ts';
import { cliBackend, UsageError, type CliBackend } from './usage.ts';

export const EXPERIMENT_USAGE = `Usage: mnist-lab experiment list [--json]
       mnist-lab experiment run NAME [options]

Options for run:
  --bigger       train every variant on all 60 000 images
  --subset N     train every variant on the first N images instead (a quick look)
  --backend B    wasm | cpu (default wasm)
  --json         print one JSON object: the finding and every variant's numbers and run id
`;

interface RunArgs {
  name: string;
  bigger: boolean;
  subset: number | null;
  backend: CliBackend;
  json: boolean;
}

function parseRunArgs(words: readonly string[]): RunArgs {
  const args: RunArgs = { name: '', bigger: false, subset: null, backend: 'wasm', json: false };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = (): string => {
      const v = inline ?? words[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--bigger': args.bigger = true; break;
      case '--json': args.json = true; break;
      case '--subset': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 10 || Number(v) > 60000) throw new UsageError(`--subset needs a whole number from 10 to 60000, not ${JSON.stringify(v)}`);
        args.subset = Number(v);
        break;
      }
      case '--backend': args.backend = cliBackend(value()); break;
      default:
        if (word.startsWith('-')) throw new UsageError(`unknown option ${word}`);
        if (args.name) throw new UsageError(`unexpected argument ${JSON.stringify(word)}`);
        args.name = word;
    }
  }
  if (!args.name) throw new UsageError(`name the experiment: one of ${EXPERIMENTS.map((e) => e.name).join(', ')}`);
  if (args.bigger && args.subset !== null) throw new UsageError('--bigger and --subset cannot be combined');
  return args;
}

function list(io: TrainCliIo, json: boolean): number {
  if (json) {
    const rows = EXPERIMENTS.map((e) => ({ name: e.name, question: e.question, variants: e.variants.map((v) => v.label), seconds: Math.round(estimateExperimentSeconds(e)) }));
    io.out(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  const width = Math.max(...EXPERIMENTS.map((e) => e.name.length));
  for (const e of EXPERIMENTS) {
    io.out(`${e.name.padEnd(width)}  ${e.question}  (${e.variants.map((v) => v.label).join(' vs ')}; about ${Math.round(estimateExperimentSeconds(e))} s)\n`);
  }
  return 0;
}

export interface ExperimentCliContext {
  dataDir: string;
  appVersion: string;
  /** stops the experiment after the current batch (Ctrl+C) */
  signal?: AbortSignal;
}

export async function runExperimentCli(argv: string[], io: TrainCliIo, context: ExperimentCliContext): Promise<number> {
  const [verb, ...rest] = argv[0] === 'experiment' ? argv.slice(1) : argv;
  let args: RunArgs;
  let experiment: ExperimentDefinition;
  try {
    if (verb === undefined || verb === 'help' || verb === '--help' || verb === '-h') {
      io.out(EXPERIMENT_USAGE);
      return 0;
    }
    if (verb === 'list') {
      const extra = rest.filter((w) => w !== '--json');
      if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
      return list(io, rest.includes('--json'));
    }
    if (verb !== 'run') throw new UsageError(`unknown verb ${JSON.stringify(verb)}; use list or run`);
    args = parseRunArgs(rest);
    const found = findExperiment(args.name);
    if (!found) throw new UsageError(`unknown experiment ${JSON.stringify(args.name)}; choose one of ${EXPERIMENTS.map((e) => e.name).join(', ')}`);
    experiment = found;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mnist-lab experiment: ${error.message}\n\n${EXPERIMENT_USAGE}`);
    return 2;
  }

  let train: SplitBytes;
  let test: SplitBytes;
  try {
    ({ train, test } = await createDatasetService({ dataDir: context.dataDir }).load('mnist'));
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    const hint = error.code === 'NOT_READY' ? '\nGet it with `mnist-lab dataset download` (or `dataset import`).' : '';
    io.err(`mnist-lab experiment: ${error.message}${hint}\n`);
    return 1;
  }
  const info = await initBackend(args.backend);
  const options = { full: args.bigger };
  if (!args.json) io.err(`${experiment.name}: ${experiment.question}\n${experiment.answer}\n\n`);

  const results: VariantResult[] = experiment.variants.map(missingResult);
  const runIds: (string | null)[] = experiment.variants.map(() => null);
  for (const [index, variant] of experiment.variants.entries()) {
    if (context.signal?.aborted) break;
    const spec = variantSpec(experiment, variant, options);
    if (args.subset !== null) spec.fit.subset = args.subset;
    const name = variantRunName(experiment, variant, options);
    if (!args.json) io.err(`[${index + 1}/${experiment.variants.length}] ${variant.label}\n`);
    const collector = new VariantCollector(variant);
    const runLog = createCliRunLog(context.dataDir, spec, { dataset: 'mnist', backend: info.backend, threads: info.threads, appVersion: context.appVersion }, {
      name,
      experiment: { name: experiment.name, variant: variant.id },
    });
    const run = createTraining({
      spec,
      train,
      test,
      onEvent: (event) => {
        runLog.onEvent(event, () => run.model);
        collector.handle(event);
        if (!args.json && event.type === 'epoch') io.err(`    epoch ${event.epoch}/${event.epochs} loss=${event.loss.toFixed(4)} accuracy=${event.accuracy.toFixed(4)} time=${event.seconds.toFixed(1)}s\n`);
      },
    });
    const stop = () => run.stop();
    context.signal?.addEventListener('abort', stop);
    if (context.signal?.aborted) stop();
    try {
      const done = await run.done;
      if (experiment.handwriting && done.type === 'done') collector.result.handwriting = await scoreHandwriting(context.dataDir, run.model, done.transform);
      runIds[index] = await runLog.settled().catch((error: unknown) => {
        io.err(`mnist-lab experiment: could not record ${variant.label}: ${error instanceof Error ? error.message : String(error)}\n`);
        return null;
      });
    } finally {
      context.signal?.removeEventListener('abort', stop);
      run.model.dispose();
    }
    results[index] = collector.result;
    if (!args.json) io.err(`    ${collector.result.status}${collector.result.test ? `, test accuracy ${(collector.result.test.accuracy * 100).toFixed(1)} %` : ''}${collector.result.error ? `: ${collector.result.error}` : ''}\n`);
  }
  const interrupted = context.signal?.aborted ?? false;

  const finding = experiment.finding(results);
  const missing = results.filter((r) => r.status === 'missing').map((r) => r.label);
  if (args.json) {
    io.out(`${JSON.stringify({ experiment: experiment.name, question: experiment.question, finding, interrupted, missing, variants: results.map((r, i) => ({ ...r, runId: runIds[i] })) })}\n`);
  } else {
    io.out(`${finding}\n\n${formatTable(results)}\n`);
    const recorded = runIds.filter((id): id is string => id !== null);
    if (recorded.length > 0) io.err(`\nrecorded as runs ${recorded.join(', ')} (Runs panel: select them and Compare)\n`);
    if (interrupted) io.err(`stopped: ${missing.length > 0 ? `not run: ${missing.join(', ')}` : 'the last variant was cut short'}\n`);
  }
  return interrupted ? 1 : 0;
}
