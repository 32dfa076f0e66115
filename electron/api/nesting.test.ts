import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { checkArgumentShape, MAX_ARGUMENT_DEPTH } from './nesting.ts';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { inner: value };
  return value;
}

function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not an ApiError';
  }
  return undefined;
}

describe('argument shape limits', () => {
  it('accepts real arguments up to the depth limit and binary data of any length', () => {
    expect(codeOf(() => checkArgumentShape(nested(MAX_ARGUMENT_DEPTH)))).toBeUndefined();
    expect(codeOf(() => checkArgumentShape({ id: 'x', bytes: new Uint8Array(5_000_000) }))).toBeUndefined();
  });

  it('refuses one level deeper, and a million-deep array without overflowing the stack', () => {
    expect(codeOf(() => checkArgumentShape(nested(MAX_ARGUMENT_DEPTH + 1)))).toBe('TOO_LARGE');
    expect(codeOf(() => checkArgumentShape(JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)))).toBe('TOO_LARGE');
  });

  it('refuses cycles (a structured clone over IPC may carry them) and too many values', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(codeOf(() => checkArgumentShape(cycle))).toBe('TOO_LARGE');
    expect(codeOf(() => checkArgumentShape({ values: new Array(2_000_000).fill(0) }))).toBe('TOO_LARGE');
    expect(codeOf(() => checkArgumentShape({ a: [1, 2, 3] }, { depth: 8, values: 4 }))).toBe('TOO_LARGE');
  });

  it('refuses values no JSON carries (a structured clone can): BigInt, functions, symbols', () => {
    expect(codeOf(() => checkArgumentShape({ spec: { units: 10n ** 30n } }))).toBe('BAD_ARGUMENTS');
    expect(codeOf(() => checkArgumentShape([Symbol('x')]))).toBe('BAD_ARGUMENTS');
    expect(codeOf(() => checkArgumentShape({ f: () => 1 }))).toBe('BAD_ARGUMENTS');
  });
});
