import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import { createRunsService } from '../../services/runs/index.ts';
import { sampleModelBlob } from '../../services/runs/test-blob.ts';
import { runCalls } from '../contracts/runs.ts';
import type { RunsChanged } from '../contracts/runs.ts';
import { createRunsHandlers } from './runs.ts';

/** What dispatch.ts does for these calls: parse against the contract, then run the handler. */
function harness() {
  const events: RunsChanged[] = [];
  const handlers = createRunsHandlers(createRunsService({ dataDir: mkdtempSync(join(tmpdir(), 'runs-api-')) }), {
    emit: (_stream, payload) => events.push(payload),
  });
  async function callRuns(name: keyof typeof runCalls, args: unknown): Promise<unknown> {
    const parsed = runCalls[name].args.safeParse(args);
    if (!parsed.success) throw new Error(`BAD_ARGUMENTS ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return await (handlers[name] as (a: unknown) => unknown)(parsed.data);
  }
  return { callRuns, events };
}

const settings = { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: '0.1.0' };
const id = '2026-11-29T12-58-03-ab12';

describe('runs API', () => {
  it('runs a whole training record through the calls and emits runs.changed', async () => {
    const { callRuns, events } = harness();
    const spec = presetSpec('chollet-ch2');
    spec.fit.epochs = 2;
    const created = (await callRuns('runs.create', { spec, settings, preset: 'chollet-ch2' })) as { id: string; name: string };
    expect(created.name).toBe('#1 Dense 512 → 10 · rmsprop · 2 ep');
    await callRuns('runs.epoch', { id: created.id, epoch: { epoch: 1, loss: 0.3, acc: 0.91, seconds: 9 }, batches: [{ epoch: 1, batch: 1, loss: 2.3, acc: 0.1 }] });
    expect(await callRuns('runs.checkpoint', { id: created.id, epoch: 1, bytes: sampleModelBlob(64) })).toMatchObject({ epoch: 1 });
    await callRuns('runs.finish', { id: created.id, status: 'stopped' });
    const model = await callRuns('runs.model', { id: created.id });
    expect(model).toBeInstanceOf(Uint8Array);
    const [record] = (await callRuns('runs.compare', { ids: [created.id, created.id] }).catch((e: Error) => [e.message])) as string[];
    expect(record).toMatch(/each run only once/);
    await callRuns('runs.rename', { id: created.id, name: 'Short run' });
    await callRuns('runs.delete', { id: created.id });
    expect(events.map((e) => e.change)).toEqual(['created', 'progress', 'finished', 'renamed', 'deleted']);
    expect(await callRuns('runs.list', {})).toEqual({ runs: [], notices: [] });
  });

  it('rejects ids that could name a path, in the contract', async () => {
    const { callRuns } = harness();
    for (const bad of ['../x', '/etc/passwd', '..\\..\\x', `${id}/..`, `${id}\n`, 'x'.repeat(500)]) {
      await expect(callRuns('runs.get', { id: bad })).rejects.toThrow(/BAD_ARGUMENTS id: a run id/);
      await expect(callRuns('runs.delete', { id: bad })).rejects.toThrow(/BAD_ARGUMENTS/);
    }
  });

  it('bounds every argument', async () => {
    const { callRuns } = harness();
    await expect(callRuns('runs.rename', { id, name: 'x'.repeat(121) })).rejects.toThrow(/name/);
    await expect(callRuns('runs.create', { spec: { layers: [] }, settings })).rejects.toThrow(/spec/);
    await expect(callRuns('runs.create', { spec: presetSpec('lenet5'), settings: { ...settings, dataset: '../mnist' } })).rejects.toThrow(/settings.dataset/);
    const tooMany = Array.from({ length: 5001 }, (_, i) => ({ epoch: 1, batch: i + 1, loss: 1, acc: 0.5 }));
    await expect(callRuns('runs.epoch', { id, epoch: { epoch: 1, loss: 1, acc: 0.5, seconds: 1 }, batches: tooMany })).rejects.toThrow(/batches/);
    await expect(callRuns('runs.epoch', { id, epoch: { epoch: 1, loss: Number.NaN, acc: 0.5, seconds: 1 } })).rejects.toThrow(/epoch.loss/);
    const nineRows = Array.from({ length: 9 }, () => new Array(10).fill(0));
    await expect(callRuns('runs.finish', { id, status: 'finished', confusion: nineRows })).rejects.toThrow(/confusion/);
    const negative = Array.from({ length: 10 }, () => new Array(10).fill(-1));
    await expect(callRuns('runs.finish', { id, status: 'finished', confusion: negative })).rejects.toThrow(/confusion/);
    await expect(callRuns('runs.checkpoint', { id, epoch: 1, bytes: 'not bytes' })).rejects.toThrow(/bytes/);
    await expect(callRuns('runs.compare', { ids: [id] })).rejects.toThrow(/at least 2/);
    await expect(callRuns('runs.compare', { ids: [1, 2, 3, 4, 5].map((n) => id.replace('ab12', `ab1${n}`)) })).rejects.toThrow(/at most 4/);
    await expect(callRuns('runs.get', { id: '2026-11-29T12-58-03-ab13' })).rejects.toThrow(/There is no run/);
  });
});
