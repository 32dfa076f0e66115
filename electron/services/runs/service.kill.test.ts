/**
 * The storage kill test: a child process writes runs (epochs, batch points, 1.6 MB checkpoints) as
 * fast as it can and is SIGKILLed at a random moment, 20 times over the same data folder. Every run
 * must then read back whole (finished/stopped) or cleanly "interrupted", nothing quarantined, and
 * after the next start's cleanup no temp file may be left.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRunsService } from './service.ts';

const writerScript = fileURLToPath(new URL('./kill-test-writer.ts', import.meta.url));

function killMidSave(dataDir: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('runs storage under SIGKILL', () => {
  it('survives 20 kills mid-save: every run readable or interrupted, 0 corrupt, 0 temp files after cleanup', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'runs-kill-'));
    const delays: number[] = [];
    for (let i = 0; i < 20; i++) {
      const delay = Math.floor(Math.random() * 400);
      delays.push(delay);
      await killMidSave(dataDir, delay);
    }

    const service = createRunsService({ dataDir });
    const { runs, notices } = service.list();
    expect(notices).toEqual([]);
    expect(runs.length).toBeGreaterThanOrEqual(20);
    const statuses = new Set(runs.map((r) => r.status));
    expect([...statuses].every((s) => s === 'finished' || s === 'stopped' || s === 'interrupted')).toBe(true);
    // A kill leaves at most one run behind as interrupted (none when it lands between two runs).
    const interrupted = runs.filter((r) => r.status === 'interrupted').length;
    expect(interrupted).toBeGreaterThan(0);
    expect(interrupted).toBeLessThanOrEqual(20);
    const tempBeforeCleanup = allFiles(dataDir).filter((f) => f.endsWith('.partial') || f.includes('.creating-')).length;

    for (const summary of runs) {
      const record = service.get(summary.id);
      expect(record.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: record.epochs.length }, (_, i) => i + 1));
      if (record.weightsEpoch !== null) {
        const weights = service.loadModel(summary.id);
        // Each checkpoint's weight bytes are filled with its epoch number: the file matches the record.
        expect(weights.at(-1)).toBe(record.weightsEpoch);
        expect(weights.byteLength).toBeGreaterThan(1_628_200);
        expect(record.weightsEpoch).toBeLessThanOrEqual(record.epochs.length);
      }
    }

    const report = service.cleanup();
    expect(report.interrupted.length).toBe(runs.filter((r) => r.status === 'interrupted').length);
    const leftovers = allFiles(service.runsDir).filter((f) => f.endsWith('.partial') || f.includes('.creating-'));
    expect(leftovers).toEqual([]);
    expect(readdirSync(service.runsDir).filter((name) => name.startsWith('.'))).toEqual([]);
    // Each run folder holds its record and exactly the checkpoints it lists (every kept epoch), no orphan.
    for (const summary of runs) {
      const files = readdirSync(join(service.runsDir, summary.id));
      const kept = service.get(summary.id).epochsKept.map((e) => `model-e${String(e).padStart(4, '0')}.bin`);
      expect(files.filter((f) => f !== 'record.json').sort()).toEqual(kept);
    }
    console.log(`kill delays (ms after "ready"): ${delays.join(', ')}; runs: ${runs.length}; interrupted: ${interrupted}; temp files left by kills: ${tempBeforeCleanup}; removed by cleanup: ${report.removedTemp}`);
  });
});
