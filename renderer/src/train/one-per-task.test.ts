import { describe, expect, it } from 'vitest';
import { runInOwnTask } from './one-per-task.ts';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('runInOwnTask', () => {
  it('runs queued jobs in order, one per macrotask, and skips a cancelled one', async () => {
    const ran: string[] = [];
    let microtasksSeen = 0;
    runInOwnTask(() => {
      ran.push('a');
      // a microtask queued by one job runs before the next job starts
      void Promise.resolve().then(() => (microtasksSeen = ran.length));
    });
    const cancelB = runInOwnTask(() => ran.push('b'));
    runInOwnTask(() => ran.push('c'));
    cancelB();
    expect(ran).toEqual([]);
    await nextTask();
    expect(ran).toEqual(['a']);
    expect(microtasksSeen).toBe(1);
    await nextTask();
    expect(ran).toEqual(['a', 'c']);
  });

  it('keeps going after a job throws', async () => {
    const ran: string[] = [];
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      runInOwnTask(() => {
        throw new Error('chart failed');
      });
      runInOwnTask(() => ran.push('next'));
      await nextTask();
      await nextTask();
      await nextTask();
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(ran).toEqual(['next']);
    expect(errors).toHaveLength(1);
  });
});
