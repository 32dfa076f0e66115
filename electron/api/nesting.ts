/**
 * Shape limits on call arguments, checked without recursion before anything walks them
 * recursively (zod, the spec validator, JSON.stringify): a 100 000-deep array would overflow
 * their stacks, and a structured clone over IPC can even carry cycles.
 */
import { ApiError } from './errors.ts';

/** Deepest object/array nesting an argument may have; real calls stay under 10. */
export const MAX_ARGUMENT_DEPTH = 64;
/** Most values (objects, arrays, scalars) one call's arguments may hold; a binary array counts as one. */
export const MAX_ARGUMENT_VALUES = 1_000_000;

function childrenOf(value: object): unknown[] {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return [];
  return Array.isArray(value) ? value : Object.values(value);
}

/** Throws TOO_LARGE when `args` nests deeper or holds more values than the limits allow, BAD_ARGUMENTS on a non-JSON value. */
export function checkArgumentShape(args: unknown, limits = { depth: MAX_ARGUMENT_DEPTH, values: MAX_ARGUMENT_VALUES }): void {
  const stack: { value: unknown; depth: number }[] = [{ value: args, depth: 0 }];
  let seen = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    seen++;
    if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
      // Only a structured clone (IPC) can carry these; JSON-minded validators throw on them.
      throw new ApiError('BAD_ARGUMENTS', `Arguments must be JSON data or binary, not a ${typeof value}`);
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.depth) {
      throw new ApiError('TOO_LARGE', `Arguments nest deeper than ${limits.depth} levels`);
    }
    const children = childrenOf(value);
    if (seen + stack.length + children.length > limits.values) {
      throw new ApiError('TOO_LARGE', `Arguments hold more than ${limits.values} values`);
    }
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
}
