import { describe, expect, it } from 'vitest';
import { api, API_NAMES } from './contract.ts';
import { binaryAllowance, MAX_BINARY_ARGUMENT } from './define.ts';

describe('binary allowance from the contract', () => {
  it('is the bytes limit for calls with a binary argument and 0 for every other call', () => {
    const withBinary = API_NAMES.filter((name) => binaryAllowance(api[name]) > 0).sort();
    expect(withBinary).toEqual(['dataset.importArchive', 'exports.save', 'runs.checkpoint']);
    expect(binaryAllowance(api['runs.checkpoint'])).toBe(MAX_BINARY_ARGUMENT);
    expect(binaryAllowance(api['app.ping'])).toBe(0);
    expect(binaryAllowance(api['runs.create'])).toBe(0);
  });
});
