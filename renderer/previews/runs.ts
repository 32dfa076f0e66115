// Preview: the Runs panel (table with every status, a damaged-record notice) above the Compare view
// of four runs (batch size 128 / 32 / 512, and a smaller Dense layer with Dropout).
//   node scripts/preview.mjs renderer/previews/runs.ts /tmp/runs.png --height 2300 [--dark]
import { mount } from 'svelte';
import '../src/global.css';
import RunsPanel from '../src/runs/runs-panel.svelte';
import { sampleRun } from '../src/runs/test-records.ts';

const baseline = sampleRun({ id: '2026-11-29T09-12-40-k3v9', name: 'Chollet baseline', finalAccuracy: 0.9781, secondsPerEpoch: 9.4 });
const batchRun = (id: string, batch: number, finalAccuracy: number, secondsPerEpoch: number) =>
  sampleRun({ id, name: `Batch ${batch}`, finalAccuracy, secondsPerEpoch, edit: (s) => (s.fit.batch_size = batch) });
const small = batchRun('2026-11-29T09-31-05-p0x2', 32, 0.9806, 27.8);
const large = batchRun('2026-11-29T10-02-51-m7qa', 512, 0.9712, 4.1);
const dropout = sampleRun({
  id: '2026-11-29T10-40-17-d5rt',
  name: 'Dense 256 + Dropout',
  finalAccuracy: 0.9769,
  secondsPerEpoch: 6.2,
  params: 203530,
  summary: 'Dense 256 → Dropout 0.5 → Dense 10 · rmsprop · 5 ep',
  edit: (s) => {
    s.layers = [
      { class_name: 'Dense', config: { units: 256, activation: 'relu', use_bias: true } },
      { class_name: 'Dropout', config: { rate: 0.5 } },
      { class_name: 'Dense', config: { units: 10, activation: 'softmax', use_bias: true } },
    ];
  },
});
const interrupted = sampleRun({ id: '2026-11-29T11-05-00-z9z9', name: 'LeNet-5 · adam · 5 ep', epochsDone: 3, status: 'interrupted', secondsPerEpoch: 61 });
const running = sampleRun({ id: '2026-11-29T12-58-03-ab12', name: 'Dense 512 → 10 · sgd · 10 ep', epochsDone: 1, status: 'running', edit: (s) => (s.fit.epochs = 10) });
const failed = { ...sampleRun({ id: '2026-11-28T16-20-44-f00f', name: 'Too high learning rate', epochsDone: 1, status: 'failed' }), error: 'loss became NaN' };
const summaries = [running, interrupted, dropout, large, small, baseline, failed].map(
  ({ spec: _s, settings: _t, epochs: _e, batches: _b, test: _x, confusion: _c, transform: _r, startedAt: _a, finishedAt: _f, ...summary }) => summary,
);
summaries[1]!.summary = 'Conv 6 → 16 → Dense 120 → 84 → 10 · adam · 5 ep';
summaries[1]!.params = 61706;
summaries[2]!.summary = 'Dense 256 → Dropout 0.5 → Dense 10 · rmsprop · 5 ep';

const app = document.getElementById('app')!;
app.style.display = 'grid';
app.style.gap = '1rem';
const top = document.createElement('div');
const bottom = document.createElement('div');
bottom.style.borderTop = '1px solid var(--border)';
app.append(top, bottom);
const log = (what: string) => () => console.log(what);
const actions = {
  onopen: log('open'),
  onrename: log('rename'),
  ondelete: log('delete'),
  onexport: log('export'),
  oncompare: log('compare'),
  onclosecompare: log('close'),
};

mount(RunsPanel, {
  target: top,
  props: {
    runs: summaries,
    notices: ['Run 2026-11-27T08-00-00-q1w2 had a damaged record.json (it is not valid JSON) and was moved to /home/me/.mnist-lab/runs/.quarantine/2026-11-27T08-00-00-q1w2-2026-11-29T12-00-00-000Z.'],
    ...actions,
    ondismissnotices: log('dismiss'),
  },
});
mount(RunsPanel, {
  target: bottom,
  props: {
    runs: summaries,
    compareRuns: [baseline, small, large, dropout],
    ...actions,
  },
});
