/** Run ids: sortable by creation time, and never a path that leaves the runs folder. */
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { isRunId } from '../../api/contracts/runs.ts';
import { RunsError } from './errors.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `2026-11-29T12-58-03-ab12` (UTC). */
export function newRunId(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replaceAll(':', '-');
  const suffix = Array.from(randomBytes(4), (b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${stamp}-${suffix}`;
}

/** The run's folder; throws BAD_ARGUMENTS for anything that is not a well-formed id inside runsDir. */
export function runDirFor(runsDir: string, id: unknown): string {
  if (!isRunId(id)) {
    throw new RunsError('BAD_ARGUMENTS', `${JSON.stringify(String(id)).slice(0, 80)} is not a run id (expected e.g. "2026-11-29T12-58-03-ab12")`);
  }
  const dir = resolve(join(runsDir, id));
  const rel = relative(resolve(runsDir), dir);
  // Belt and braces: the pattern already excludes separators and dots.
  if (rel !== id || isAbsolute(rel)) throw new RunsError('BAD_ARGUMENTS', `run id ${id} leaves the runs folder`);
  return dir;
}
