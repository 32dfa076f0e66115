/** Errors the runs service throws: `{code, message}` so the API answers them as they are. */
export type RunsErrorCode = 'NOT_FOUND' | 'BAD_ARGUMENTS' | 'CONFLICT';

export class RunsError extends Error {
  override name = 'RunsError';
  constructor(
    readonly code: RunsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
