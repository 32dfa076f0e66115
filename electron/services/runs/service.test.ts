import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../../workers/engine/spec/presets.ts';
import { appendThinned } from './decimate.ts';
import { createRunsService, QUARANTINE_DIR } from './service.ts';
import type { RunsService } from './service.ts';
import { runDirFor } from './run-id.ts';
import { sampleModelBlob } from './test-blob.ts';

const settings = { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: '0.1.0', trainCount: 60000, validationCount: 0 };
const tempDataDir = () => mkdtempSync(join(tmpdir(), 'runs-'));

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

function epoch(n: number, seconds = 2) {
  return { epoch: n, loss: 1 / n, acc: 1 - 0.1 / n, val_loss: null, val_acc: null, seconds };
}

function batches(epochNumber: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({ epoch: epochNumber, batch: i + 1, loss: 2 / (i + 1), acc: 0.5 + i / (2 * count) }));
}

function confusion(): number[][] {
  return Array.from({ length: 10 }, (_, t) => Array.from({ length: 10 }, (_, p) => (t === p ? 97 : t === (p + 1) % 10 ? 3 : 0)));
}

function startRun(service: RunsService, epochs = 5) {
  const spec = presetSpec('chollet-ch2');
  spec.fit.epochs = epochs;
  return service.create({ spec, settings, preset: 'chollet-ch2' });
}

describe('runs service', () => {
  it('keeps a whole run: spec, settings, histories, test metrics, confusion and the last weights', () => {
    const dataDir = tempDataDir();
    const service = createRunsService({ dataDir });
    const created = startRun(service);
    expect(created).toMatchObject({ name: '#1 Dense 512 → 10 · rmsprop · 5 ep', params: 407050, status: 'running', epochsDone: 0, epochsPlanned: 5, preset: 'chollet-ch2' });
    expect(readdirSync(join(dataDir, 'runs'))).toEqual([created.id]);

    for (let n = 1; n <= 5; n++) {
      service.recordEpoch(created.id, epoch(n), batches(n, 50));
      service.checkpoint(created.id, n, sampleModelBlob(1000 + n, n));
    }
    const test = { count: 1000, loss: 0.07, accuracy: 0.97, precision: new Array(10).fill(0.97), recall: new Array(10).fill(0.97) };
    const finished = service.finish(created.id, { status: 'finished', test, confusion: confusion(), seconds: 12.5 });
    expect(finished).toMatchObject({ status: 'finished', epochsDone: 5, testAccuracy: 0.97, seconds: 12.5, weightsEpoch: 5 });

    const record = createRunsService({ dataDir }).get(created.id);
    expect(record.spec.layers).toHaveLength(2);
    expect(record.settings).toEqual(settings);
    expect(record.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(record.batches).toHaveLength(250);
    expect(record.confusion?.[3]?.[3]).toBe(97);
    expect(record.status).toBe('finished');
    const weights = service.loadModel(created.id);
    expect(weights.byteLength).toBe(sampleModelBlob(1005).byteLength);
    expect(weights[weights.length - 1]).toBe(5);
    // Every epoch's weights are kept (per-epoch weights: epoch-weights.test.ts), the last one is loaded by default.
    expect(readdirSync(join(dataDir, 'runs', created.id)).sort()).toEqual(['model-e0001.bin', 'model-e0002.bin', 'model-e0003.bin', 'model-e0004.bin', 'model-e0005.bin', 'record.json']);
  });

  it('lists newest first with a default name from the spec', () => {
    const dataDir = tempDataDir();
    let clock = Date.parse('2026-11-29T10:00:00Z');
    const service = createRunsService({ dataDir, now: () => new Date((clock += 1000)) });
    const first = startRun(service);
    const spec = presetSpec('convnet-ch8');
    const second = service.create({ spec, settings, name: '  My convnet  ' });
    const list = service.list();
    expect(list.runs.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(list.runs[0]!.name).toBe('My convnet');
    expect(list.runs[0]!.summary).toBe('Conv 32 → 64 → 128 → Dense 10 · rmsprop · 5 ep');
    expect(list.notices).toEqual([]);
  });

  it('shows a run whose writer died as interrupted after its last completed epoch, and marks it on cleanup', () => {
    const dataDir = tempDataDir();
    const crashed = createRunsService({ dataDir, writer: { pid: deadPid(), token: 'a-process-that-died' } });
    const { id } = startRun(crashed);
    crashed.recordEpoch(id, epoch(1));
    crashed.checkpoint(id, 1, sampleModelBlob(100, 1));
    crashed.recordEpoch(id, epoch(2));
    crashed.checkpoint(id, 2, sampleModelBlob(100, 2));
    crashed.recordBatches(id, batches(3, 10));

    const later = createRunsService({ dataDir });
    expect(later.list().runs[0]).toMatchObject({ id, status: 'interrupted', epochsDone: 2, weightsEpoch: 2 });
    expect(later.loadModel(id).at(-1)).toBe(2);
    expect(() => later.recordEpoch(id, epoch(3))).toThrow(/takes no more training data|another process/);
    expect(later.cleanup().interrupted).toEqual([id]);
    expect(JSON.parse(readFileSync(join(dataDir, 'runs', id, 'record.json'), 'utf8')).status).toBe('interrupted');
  });

  it('marks its own unfinished runs interrupted when the host says their renderer is gone', () => {
    const dataDir = tempDataDir();
    const service = createRunsService({ dataDir });
    const open = startRun(service);
    const done = startRun(service);
    service.recordEpoch(open.id, epoch(1));
    service.finish(done.id, { status: 'stopped' });
    expect(service.interruptActive()).toEqual([open.id]);
    expect(service.get(open.id)).toMatchObject({ status: 'interrupted', epochsDone: 1 });
    expect(service.get(done.id).status).toBe('stopped');
    expect(() => service.recordEpoch(open.id, epoch(2))).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('keeps a live writer in another process as running', () => {
    const dataDir = tempDataDir();
    const other = createRunsService({ dataDir, writer: { pid: process.pid, token: 'another-live-process' } });
    const { id } = startRun(other);
    expect(createRunsService({ dataDir }).list().runs[0]).toMatchObject({ id, status: 'running' });
    expect(() => createRunsService({ dataDir }).recordEpoch(id, epoch(1))).toThrow(/another process/);
  });

  it('moves a run with garbage JSON aside and names it in a notice, without breaking the list', () => {
    const dataDir = tempDataDir();
    const service = createRunsService({ dataDir });
    const good = startRun(service);
    const bad = startRun(service);
    const noRecord = '2026-01-01T00-00-00-zzzz';
    writeFileSync(join(dataDir, 'runs', bad.id, 'record.json'), '{"format": 1, "id": ');
    mkdirSync(join(dataDir, 'runs', noRecord));

    const list = createRunsService({ dataDir }).list();
    expect(list.runs.map((r) => r.id)).toEqual([good.id]);
    expect(list.notices).toHaveLength(2);
    expect(list.notices.find((n) => n.includes(bad.id))).toMatch(new RegExp(`^Run ${bad.id} had a damaged record.json \\(it is not valid JSON\\) and was moved to .*\\.quarantine`));
    expect(list.notices.find((n) => n.includes(noRecord))).toMatch(/had no readable record.json/);
    const quarantined = readdirSync(join(dataDir, 'runs', QUARANTINE_DIR));
    expect(quarantined.some((name) => name.startsWith(`${bad.id}-`))).toBe(true);
    expect(existsSync(join(dataDir, 'runs', bad.id))).toBe(false);
  });

  it('quarantines a record that parses but breaks the format (a NaN-free check of every field)', () => {
    const dataDir = tempDataDir();
    const service = createRunsService({ dataDir });
    const { id } = startRun(service);
    const path = join(dataDir, 'runs', id, 'record.json');
    const record = JSON.parse(readFileSync(path, 'utf8'));
    record.epochs = [{ epoch: 1, loss: 'low', acc: 0.9, val_loss: null, val_acc: null, seconds: 1 }];
    writeFileSync(path, JSON.stringify(record));
    const fresh = createRunsService({ dataDir });
    expect(() => fresh.get(id)).toThrow(/damaged record.json .*epochs\.0\.loss/);
    expect(fresh.list().runs).toEqual([]);
  });

  it('renames and deletes', () => {
    const dataDir = tempDataDir();
    const service = createRunsService({ dataDir });
    const { id } = startRun(service);
    expect(service.rename(id, 'Baseline').name).toBe('Baseline');
    expect(createRunsService({ dataDir }).get(id).name).toBe('Baseline');
    expect(() => service.rename(id, '   ')).toThrow(/1 to 120 characters/);
    expect(() => service.rename(id, 'x'.repeat(121))).toThrow(/1 to 120 characters/);
    expect(service.delete(id)).toEqual({ id });
    expect(service.list().runs).toEqual([]);
    expect(readdirSync(join(dataDir, 'runs'))).toEqual([]);
    expect(() => service.delete(id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => service.get(id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('never lets an id leave the runs folder', () => {
    const dataDir = tempDataDir();
    const service = createRunsService({ dataDir });
    for (const id of ['../x', '..', '/etc/passwd', 'C:\\Windows', '2026-11-29T12-58-03-ab12/../../x', '2026-11-29T12-58-03-ab12\0', '', '.quarantine']) {
      expect(() => runDirFor(service.runsDir, id)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENTS' }));
      expect(() => service.get(id)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENTS' }));
      expect(() => service.delete(id)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENTS' }));
      expect(() => service.loadModel(id)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENTS' }));
    }
    expect(runDirFor(service.runsDir, '2026-11-29T12-58-03-ab12')).toBe(join(service.runsDir, '2026-11-29T12-58-03-ab12'));
  });

  it('refuses out-of-order epochs, checkpoints ahead of their epoch, bad blobs and writes after the end', () => {
    const service = createRunsService({ dataDir: tempDataDir() });
    const { id } = startRun(service, 2);
    expect(() => service.recordEpoch(id, epoch(2))).toThrow(/expects epoch 1 next/);
    expect(() => service.checkpoint(id, 1, sampleModelBlob(10))).toThrow(/must follow its runs.epoch call/);
    service.recordEpoch(id, epoch(1));
    expect(() => service.checkpoint(id, 1, new Uint8Array([200, 0, 0, 0, 1, 2]))).toThrow(/header announces 200 bytes/);
    const notJson = new Uint8Array([3, 0, 0, 0, 0x7b, 0x7b, 0x7b]);
    expect(() => service.checkpoint(id, 1, notJson)).toThrow(/not valid UTF-8 JSON/);
    expect(() => service.loadModel(id)).toThrow(/no saved weights yet/);
    service.recordEpoch(id, epoch(2));
    expect(() => service.recordEpoch(id, epoch(3))).toThrow(/expects epoch 3|past the end/);
    service.finish(id, { status: 'stopped' });
    expect(() => service.recordEpoch(id, epoch(3))).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('thins per-batch points evenly to at most 2 000 per run', () => {
    const service = createRunsService({ dataDir: tempDataDir() });
    const { id } = startRun(service, 5);
    for (let n = 1; n <= 5; n++) service.recordEpoch(id, epoch(n), batches(n, 1200));
    const kept = service.get(id).batches;
    expect(kept.length).toBeLessThanOrEqual(2000);
    expect(kept.length).toBeGreaterThan(1000);
    const positions = kept.map((p) => (p.epoch - 1) * 1200 + p.batch - 1);
    const gaps = new Set(positions.slice(1).map((p, i) => p - positions[i]!));
    expect(gaps.size).toBe(1);
    expect(kept.at(-1)!.epoch).toBe(5);
  });

  it('cleanup removes temp files, half-created folders and orphan checkpoints of dead writers', () => {
    const dataDir = tempDataDir();
    const pid = deadPid();
    const crashed = createRunsService({ dataDir, writer: { pid, token: 'dead' } });
    const { id } = startRun(crashed);
    crashed.recordEpoch(id, epoch(1));
    crashed.checkpoint(id, 1, sampleModelBlob(10));
    const dir = join(dataDir, 'runs', id);
    writeFileSync(join(dir, '.record.json.1a2b3c4d.partial'), '{"half');
    writeFileSync(join(dir, 'model-e0002.bin'), 'orphan: written before the record pointed at it');
    mkdirSync(join(dataDir, 'runs', `.creating-2026-11-29T00-00-00-abcd-${pid}`));
    const report = createRunsService({ dataDir }).cleanup();
    expect(report).toEqual({ removedTemp: 3, interrupted: [id] });
    expect(readdirSync(dir).sort()).toEqual(['model-e0001.bin', 'record.json']);
    expect(readdirSync(join(dataDir, 'runs'))).toEqual([id]);
  });
});

describe('appendThinned', () => {
  it('keeps every point until the cap, then every 2nd, 4th, … evenly', () => {
    let state = { points: [] as number[], stride: 1, seen: 0 };
    state = appendThinned(state, [0, 1, 2, 3], 4);
    expect(state.points).toEqual([0, 1, 2, 3]);
    state = appendThinned(state, [4, 5, 6, 7, 8], 4);
    expect(state).toEqual({ points: [0, 4, 8], stride: 4, seen: 9 });
    state = appendThinned(state, Array.from({ length: 100 }, (_, i) => 9 + i), 4);
    expect(state.points.length).toBeLessThanOrEqual(4);
    expect(state.points.every((p) => p % state.stride === 0)).toBe(true);
  });
});
