import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from './dispatch.ts';
import { ApiError, httpStatusFor, toErrorBody } from './errors.ts';

const calls: unknown[] = [];
const handlers = {
  'app.info': () => {
    throw new Error('disk on fire');
  },
  'app.ping': (args: { echo: string }) => {
    calls.push(args);
    return { pong: true as const, echo: args.echo, serverTime: 'now' };
  },
} satisfies Partial<Handlers>;
// Only the app calls are under test here; the dispatcher never touches the others.
const dispatch = createDispatcher(handlers as unknown as Handlers);

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return toErrorBody(error);
  }
  throw new Error('expected a rejection');
}

describe('dispatcher', () => {
  it('runs a handler with parsed arguments, defaults applied', async () => {
    await expect(dispatch('app.ping', {})).resolves.toMatchObject({ pong: true, echo: '' });
    expect(calls.at(-1)).toEqual({ echo: '' });
  });

  it('refuses unknown calls, including prototype names', async () => {
    for (const name of ['fs.read', '__proto__', 'constructor', 'toString', 42, undefined]) {
      expect(await errorOf(dispatch(name, {}))).toMatchObject({ code: 'UNKNOWN_CALL' });
    }
  });

  it('refuses bad arguments before the handler runs, naming the field', async () => {
    const before = calls.length;
    const error = await errorOf(dispatch('app.ping', { echo: 7 }));
    expect(error.code).toBe('BAD_ARGUMENTS');
    expect(error.message).toContain('echo');
    expect(await errorOf(dispatch('app.ping', { echo: 'x', extra: true }))).toMatchObject({ code: 'BAD_ARGUMENTS' });
    expect(await errorOf(dispatch('app.ping', 'a string'))).toMatchObject({ code: 'BAD_ARGUMENTS' });
    expect(await errorOf(dispatch('app.ping', { echo: 'x'.repeat(5000) }))).toMatchObject({ code: 'BAD_ARGUMENTS' });
    expect(calls.length).toBe(before);
  });

  it('refuses deeply nested or cyclic arguments before zod walks them (both hosts dispatch here)', async () => {
    const before = calls.length;
    const deep = JSON.parse(`{"echo":${'['.repeat(200_000)}${']'.repeat(200_000)}}`) as unknown;
    expect(await errorOf(dispatch('app.ping', deep))).toMatchObject({ code: 'TOO_LARGE' });
    const cycle: Record<string, unknown> = { echo: 'x' };
    cycle['again'] = cycle;
    expect(await errorOf(dispatch('app.ping', cycle))).toMatchObject({ code: 'TOO_LARGE' });
    expect(calls.length).toBe(before);
  });

  it('turns an unexpected handler failure into an INTERNAL error body', async () => {
    expect(await errorOf(dispatch('app.info', {}))).toEqual({ code: 'INTERNAL', message: 'Internal error: disk on fire' });
  });

  it('keeps codes of structured errors and maps them to HTTP statuses', () => {
    expect(toErrorBody(new ApiError('NOT_FOUND', 'gone'))).toEqual({ code: 'NOT_FOUND', message: 'gone' });
    expect(httpStatusFor('UNAUTHORIZED')).toBe(401);
    expect(httpStatusFor('FORBIDDEN')).toBe(403);
    expect(httpStatusFor('BAD_ARGUMENTS')).toBe(400);
    expect(httpStatusFor('BAD_REQUEST')).toBe(400);
    expect(httpStatusFor('TOO_LARGE')).toBe(413);
    expect(httpStatusFor('UNAVAILABLE')).toBe(503);
    expect(httpStatusFor('DOWNLOAD_FAILED')).toBe(422);
  });
});
