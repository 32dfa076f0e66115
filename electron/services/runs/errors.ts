/** Errors the runs service throws: `{code, message}` so the API answers them as they are. */
/** UNAVAILABLE: the disk answered with a transient error (EMFILE, EACCES, EBUSY…); nothing was changed. */
export type RunsErrorCode = 'NOT_FOUND' | 'BAD_ARGUMENTS' | 'CONFLICT' | 'UNAVAILABLE';

export class RunsError extends Error {
  override name = 'RunsError';
  constructor(
    readonly code: RunsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
