import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveRunner } from './live-runner.ts';

/** A task whose runs the test finishes by hand. */
function controllableTask() {
  const pending: (() => void)[] = [];
  let runs = 0;
  const task = () => {
    runs++;
    return new Promise<void>((resolve) => pending.push(resolve));
  };
  return {
    task,
    get runs() {
      return runs;
    },
    async finishOne() {
      pending.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

describe('LiveRunner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collapses the requests of one delay window into one run', async () => {
    const t = controllableTask();
    const runner = new LiveRunner(t.task, 100);
    for (let i = 0; i < 20; i++) {
      runner.request();
      await vi.advanceTimersByTimeAsync(3);
    }
    expect(t.runs).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.runs).toBe(1);
  });

  it('runs at once on flush, and re-runs once after a run that saw requests in flight', async () => {
    const t = controllableTask();
    const runner = new LiveRunner(t.task, 100);
    runner.flush();
    expect(t.runs).toBe(1);
    runner.request();
    runner.request();
    runner.flush();
    await vi.advanceTimersByTimeAsync(500);
    expect(t.runs).toBe(1); // never two in flight
    await t.finishOne();
    expect(t.runs).toBe(2);
    await t.finishOne();
    await vi.advanceTimersByTimeAsync(500);
    expect(t.runs).toBe(2);
  });

  it('keeps running after a failed run, and stops for good once disposed', async () => {
    let runs = 0;
    const runner = new LiveRunner(async () => {
      runs++;
      throw new Error('worker gone');
    }, 50);
    runner.flush();
    await vi.advanceTimersByTimeAsync(0);
    runner.request();
    await vi.advanceTimersByTimeAsync(60);
    expect(runs).toBe(2);
    runner.request();
    runner.dispose();
    await vi.advanceTimersByTimeAsync(100);
    runner.flush();
    expect(runs).toBe(2);
  });

  it('cancel drops a pending run', async () => {
    const t = controllableTask();
    const runner = new LiveRunner(t.task, 100);
    runner.request();
    runner.cancel();
    await vi.advanceTimersByTimeAsync(200);
    expect(t.runs).toBe(0);
  });
});
