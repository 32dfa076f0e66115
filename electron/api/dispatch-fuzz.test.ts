/**
 * The shared dispatcher (the Electron IPC host's only door, and the web host's) fed what a
 * structured clone can carry: every call with seeded junk, depth bombs, cycles, Maps, Dates,
 * BigInts, typed arrays. Each call resolves or fails with a structured error that is not INTERNAL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { junkValue, pick } from '../../test-support/http-fuzz-cases.ts';
import { createRandom } from '../../workers/engine/random.ts';
import { createLabCore } from '../core.ts';
import { API_NAMES } from './contract.ts';
import { ApiError } from './errors.ts';

const base = mkdtempSync(join(tmpdir(), 'dispatch-fuzz-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const cycle: Record<string, unknown> = { name: '~cycle' };
cycle['self'] = cycle;
let deep: unknown = 0;
for (let i = 0; i < 100_000; i++) deep = [deep];

function cloneableJunk(random: () => number): unknown {
  return pick(random, [
    () => junkValue(random, 0),
    () => ({ spec: junkValue(random, 0), settings: junkValue(random, 0) }),
    () => ({ id: junkValue(random, 2), bytes: new Uint8Array(Math.floor(random() * 4096)) }),
    () => ({ name: 1n, echo: 2n }),
    () => ({ spec: 10n ** 30n, settings: {} }),
    () => ({ spec: new Map([['layers', []]]), settings: new Set([1]) }),
    () => ({ echo: new Date(0), spec: /x/, bytes: new ArrayBuffer(8) }),
    () => ({ spec: { layers: deep }, settings: {} }),
    () => cycle,
    () => ({ spec: cycle, settings: cycle, name: cycle }),
    () => ({ bytes: new Float64Array([NaN, Infinity, -0]), id: NaN, epoch: Infinity }),
    () => Object.assign(Object.create(null) as object, { echo: 'no prototype' }),
    () => new Array(1000),
    () => undefined,
  ])();
}

describe('dispatcher under junk arguments', () => {
  it('answers every call with a result or a structured, non-INTERNAL error', async () => {
    const core = createLabCore({ name: 'MNIST Lab', version: '0.0.0-test', host: 'electron' }, { dataDir: join(base, 'data'), mirrors: undefined });
    const random = createRandom(1_012_026);
    let calls = 0;
    for (const name of API_NAMES) {
      for (let i = 0; i < 25; i++) {
        const args = cloneableJunk(random);
        calls++;
        try {
          await core.dispatch(name, args);
        } catch (error) {
          expect(error, `${name}`).toBeInstanceOf(ApiError);
          expect((error as ApiError).code, `${name}: ${(error as Error).message}`).not.toBe('INTERNAL');
        }
      }
    }
    console.info(`${calls} junk calls dispatched, every answer structured`);
  });
});
