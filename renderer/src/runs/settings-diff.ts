/**
 * What differs between 2–4 runs' settings, in a learner's words: only the rows that differ, plus
 * a one-line headline ("Only the batch size differs: 32 · 128 · 512") and what stayed the same.
 */
import type { RunRecord } from '../../../electron/api/contracts/runs.ts';
import { describeLayer, layerStacksDiff } from './layer-diff.ts';
import type { LayerCell } from './layer-diff.ts';
import { formatParams } from './run-format.ts';

export interface DiffRow {
  key: string;
  label: string;
  values: string[];
  /** per run: differs from the first run's value */
  differs: boolean[];
}

export interface SettingsDiff {
  rows: DiffRow[];
  /** per run, aligned with the first run's stack; null when every run has the same layers */
  layers: LayerCell[][] | null;
  /** settings every run shares */
  same: { label: string; value: string }[];
  headline: string;
}

const PREPROCESSING_WORDS: Record<string, string> = { scale: 'pixels ÷ 255', raw: 'raw pixels 0–255', standardize: 'standardized (mean/std)' };

function number(n: number): string {
  if (n !== 0 && Math.abs(n) < 1e-4) return n.toExponential().replace('e-', 'e−');
  return String(n);
}

function optimizerDetails(run: RunRecord): string {
  const { name: _name, learning_rate: _lr, ...rest } = run.spec.compile.optimizer as Record<string, unknown>;
  return Object.entries(rest)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? number(v) : String(v)}`)
    .join(', ');
}

interface Setting {
  key: string;
  label: string;
  /** lower-case words for the headline */
  words: string;
  value: (run: RunRecord) => string;
}

export const SETTINGS: readonly Setting[] = [
  { key: 'optimizer', label: 'Optimizer', words: 'optimizer', value: (r) => r.spec.compile.optimizer.name },
  { key: 'learning_rate', label: 'Learning rate', words: 'learning rate', value: (r) => number(r.spec.compile.optimizer.learning_rate) },
  { key: 'optimizer_details', label: 'Optimizer options', words: 'optimizer options', value: optimizerDetails },
  { key: 'loss', label: 'Loss', words: 'loss', value: (r) => r.spec.compile.loss },
  { key: 'batch_size', label: 'Batch size', words: 'batch size', value: (r) => String(r.spec.fit.batch_size) },
  { key: 'epochs', label: 'Epochs', words: 'number of epochs', value: (r) => String(r.spec.fit.epochs) },
  {
    key: 'subset',
    label: 'Training examples',
    words: 'number of training examples',
    value: (r) => (r.spec.fit.subset === null ? 'all' : formatParams(r.spec.fit.subset)),
  },
  {
    key: 'validation_split',
    label: 'Validation split',
    words: 'validation split',
    value: (r) => (r.spec.fit.validation_split === 0 ? 'none' : `${Math.round(r.spec.fit.validation_split * 100)} %`),
  },
  { key: 'shuffle', label: 'Shuffle', words: 'shuffling', value: (r) => (r.spec.fit.shuffle ? 'yes' : 'no') },
  { key: 'preprocessing', label: 'Preprocessing', words: 'preprocessing', value: (r) => PREPROCESSING_WORDS[r.spec.preprocessing] ?? r.spec.preprocessing },
  { key: 'seed', label: 'Seed', words: 'random seed', value: (r) => String(r.spec.fit.seed) },
  { key: 'params', label: 'Parameters', words: 'parameter count', value: (r) => formatParams(r.params) },
  { key: 'dataset', label: 'Dataset', words: 'dataset', value: (r) => r.settings.dataset },
  {
    key: 'backend',
    label: 'Backend',
    words: 'backend',
    value: (r) => (r.settings.threads ? `${r.settings.backend} · ${r.settings.threads} thread${r.settings.threads === 1 ? '' : 's'}` : r.settings.backend),
  },
  { key: 'app_version', label: 'App version', words: 'app version', value: (r) => r.settings.appVersion },
];

/** Settings that follow from others: not worth a headline mention on their own. */
const DERIVED = new Set(['params', 'optimizer_details', 'app_version', 'backend']);

export function settingsDiff(runs: readonly RunRecord[]): SettingsDiff {
  const rows: DiffRow[] = [];
  const same: { label: string; value: string }[] = [];
  for (const setting of SETTINGS) {
    const values = runs.map(setting.value);
    const differs = values.map((v) => v !== values[0]);
    if (differs.some(Boolean)) rows.push({ key: setting.key, label: setting.label, values, differs });
    else if (values[0] !== '') same.push({ label: setting.label, value: values[0] ?? '' });
  }
  const layers = layerStacksDiff(runs.map((r) => r.spec.layers.map(describeLayer)));
  return { rows, layers, same, headline: headline(rows, layers !== null, runs.length) };
}

function headline(rows: readonly DiffRow[], layersDiffer: boolean, count: number): string {
  const words = (key: string) => SETTINGS.find((s) => s.key === key)?.words ?? key;
  const main = rows.filter((r) => !DERIVED.has(r.key));
  const topics = [...(layersDiffer ? ['layers'] : []), ...main.map((r) => words(r.key))];
  if (topics.length === 0) {
    if (rows.length > 0) return `Same model and training settings; only the ${rows.map((r) => words(r.key)).join(' and ')} differ${rows.length === 1 ? 's' : ''}.`;
    return `These ${count} runs share every setting: any difference comes from run-to-run noise.`;
  }
  if (topics.length === 1) {
    const row = main[0];
    if (row && !layersDiffer) return `Only the ${words(row.key)} differs: ${row.values.join(' · ')}.`;
    return 'Only the layers differ.';
  }
  const list = topics.length === 2 ? topics.join(' and ') : `${topics.slice(0, -1).join(', ')} and ${topics.at(-1)}`;
  return `${topics.length} things differ: ${list}. Change one at a time to see what each one does.`;
}
