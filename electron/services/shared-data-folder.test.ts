/**
 * Two real processes, one data folder: the CLI, the web host and the desktop app may all run at
 * once on it. A child process (shared-folder-writer.ts) trains a run and holds temp files open
 * while this process renames, deletes and runs every start-up cleanup; two children save
 * drawings at the same moment.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanStaleUploads, cleanTempFiles } from './datasets/store.ts';
import { createHandwritingService } from './handwriting.ts';
import { createRunsService } from './runs/index.ts';

const writerScript = fileURLToPath(new URL('./shared-folder-writer.ts', import.meta.url));

function startWriter(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', writerScript, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The child's one JSON line (rejects if it exits first). */
function firstLine<T>(child: ChildProcessWithoutNullStreams): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) resolve(JSON.parse(out.slice(0, end)) as T);
    });
    child.once('exit', (code) => reject(new Error(`the writer exited (code ${code}) before answering: ${err}`)));
  });
}

/** Everything the child printed, once it exited by itself with code 0. */
function output(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`the writer failed (code ${code}): ${err}`))));
  });
}

function killed(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('two processes on one data folder', () => {
  it("refuses to rename or delete a run another live process is training (CONFLICT), and never cleans up a live writer's temp files", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shared-folder-'));
    const child = startWriter([dataDir, 'train']);
    try {
      const { id, temps } = await firstLine<{ id: string; temps: string[] }>(child);
      const runs = createRunsService({ dataDir });
      expect(runs.get(id).status).toBe('running');

      expect(() => runs.rename(id, 'Mine now')).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/still being trained by another MNIST Lab process \(pid \d+\).*rename it once that training ends/) }));
      expect(() => runs.delete(id)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/delete it once/) }));

      // Every start-up cleanup of this process, while the other one writes.
      const report = runs.cleanup();
      expect(report.interrupted).toEqual([]);
      await cleanTempFiles(dataDir);
      createHandwritingService(dataDir).cleanup();
      await cleanStaleUploads(dataDir);
      expect(temps.filter((path) => !existsSync(path))).toEqual([]);
      expect(runs.get(id).status).toBe('running');
      expect(runs.get(id).name).not.toBe('Mine now');

      await killed(child);
      // The writer is gone: its run is interrupted, and can be renamed and deleted; its temp files go.
      expect(runs.get(id).status).toBe('interrupted');
      expect(runs.cleanup().removedTemp).toBeGreaterThanOrEqual(1);
      expect((await cleanTempFiles(dataDir)).length).toBe(1);
      expect(createHandwritingService(dataDir).cleanup()).toBe(1);
      expect(temps.filter((path) => existsSync(path))).toEqual([]);
      expect(runs.rename(id, 'Mine now').name).toBe('Mine now');
      expect(runs.delete(id)).toEqual({ id });
      expect(runs.list().runs).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('keeps every drawing when two processes save at the same time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shared-folder-'));
    const goFile = join(dataDir, 'go');
    const count = 60;
    const writers = [startWriter([dataDir, 'draw', String(count), goFile]), startWriter([dataDir, 'draw', String(count), goFile])];
    const outputs = writers.map(output);
    // Both have loaded their modules and wait: start them together so their saves interleave.
    expect(await Promise.all(writers.map((child) => firstLine<string>(child)))).toEqual(['ready', 'ready']);
    writeFileSync(goFile, '');
    const saved = (await Promise.all(outputs)).flatMap((out) => (JSON.parse(out.trim().split('\n').at(-1)!) as { ids: string[] }).ids);
    expect(saved).toHaveLength(2 * count);
    const listed = createHandwritingService(dataDir).list();
    expect(listed.map((item) => item.id).sort()).toEqual([...saved].sort());
    console.log(`two writers saved ${saved.length} drawings at once; the set lists ${listed.length}`);
  }, 60_000);
});
