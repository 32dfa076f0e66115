/** Building blocks of the API table (contract.ts and its per-feature fragments). */
import { z } from 'zod';

export interface CallSpec<Args extends z.ZodType, Result> {
  args: Args;
  /** Phantom field: carries the result type, never set at run time. */
  readonly result?: Result;
}

/** Declares a call: `call(argsSchema).returns<Result>()` — the result is a type only. */
export function call<Args extends z.ZodType>(args: Args) {
  return { returns: <Result>(): CallSpec<Args, Result> => ({ args }) };
}

/** Largest binary argument a call accepts (a trained model's weights, an export archive). */
export const MAX_BINARY_ARGUMENT = 256 * 1024 * 1024;

/** Each binary schema's byte limit, so hosts can refuse an oversized body before reading it. */
const binaryLimits = new WeakMap<z.ZodType, number>();

/**
 * A binary argument. A call may have at most one, named `bytes`: over IPC it travels as a
 * structured clone; over HTTP as the raw request body, the other arguments in X-Lab-Args.
 */
export function binary(maxBytes = MAX_BINARY_ARGUMENT) {
  const schema = z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected binary data (Uint8Array)')
    .refine((bytes) => bytes.byteLength <= maxBytes, `at most ${maxBytes / 1024 / 1024} MiB`);
  binaryLimits.set(schema, maxBytes);
  return schema;
}

/** How many bytes of binary data a call accepts: its `bytes` argument's limit, 0 when it has none. */
export function binaryAllowance(spec: CallSpec<z.ZodType, unknown>): number {
  const bytes = spec.args instanceof z.ZodObject ? (spec.args.shape as Record<string, z.ZodType>)['bytes'] : undefined;
  return (bytes && binaryLimits.get(bytes)) ?? 0;
}
