/** What the CLI commands share when they read their arguments. */
import type { BackendChoice } from '../../workers/engine/backend.ts';

/** A command line the command cannot act on: it prints the message and its usage. */
export class UsageError extends Error {}

/** Node has no WebGL: the CLI trains on these. */
export type CliBackend = Extract<BackendChoice, 'wasm' | 'cpu'>;
const CLI_BACKENDS: readonly CliBackend[] = ['wasm', 'cpu'];

export function cliBackend(value: string): CliBackend {
  const backend = CLI_BACKENDS.find((b) => b === value);
  if (!backend) throw new UsageError(`--backend must be ${CLI_BACKENDS.join(' or ')}, not ${JSON.stringify(value)}`);
  return backend;
}
