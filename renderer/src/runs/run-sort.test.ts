import { describe, expect, it } from 'vitest';
import { nextSort, sortRuns } from './run-sort.ts';
import { sampleRun } from './test-records.ts';

const runs = [
  { ...sampleRun({ id: '2026-11-29T10-00-00-aaaa', name: 'beta' }), testAccuracy: 0.97 },
  { ...sampleRun({ id: '2026-11-29T11-00-00-bbbb', name: 'Alpha' }), testAccuracy: null },
  { ...sampleRun({ id: '2026-11-29T12-00-00-cccc', name: 'run 10' }), testAccuracy: 0.98 },
  { ...sampleRun({ id: '2026-11-29T09-00-00-dddd', name: 'run 9' }), testAccuracy: 0.98 },
];
const ids = (order: Parameters<typeof sortRuns>[1]) => sortRuns(runs, order).map((r) => r.name);

describe('sortRuns', () => {
  it('sorts names naturally and case-insensitively', () => {
    expect(ids({ key: 'name', direction: 'ascending' })).toEqual(['Alpha', 'beta', 'run 9', 'run 10']);
    expect(ids({ key: 'name', direction: 'descending' })).toEqual(['run 10', 'run 9', 'beta', 'Alpha']);
  });

  it('puts runs without a value last either way and breaks ties newest first', () => {
    expect(ids({ key: 'testAccuracy', direction: 'descending' })).toEqual(['run 10', 'run 9', 'beta', 'Alpha']);
    expect(ids({ key: 'testAccuracy', direction: 'ascending' })).toEqual(['beta', 'run 10', 'run 9', 'Alpha']);
  });

  it('sorts by date', () => {
    expect(ids({ key: 'createdAt', direction: 'descending' })).toEqual(['run 10', 'Alpha', 'beta', 'run 9']);
  });

  it('flips the sorted column and starts others in their natural direction', () => {
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'testAccuracy')).toEqual({ key: 'testAccuracy', direction: 'descending' });
    expect(nextSort({ key: 'seconds', direction: 'descending' }, 'status')).toEqual({ key: 'status', direction: 'ascending' });
  });
});
