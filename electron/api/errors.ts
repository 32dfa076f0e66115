/** Structured errors every host answers with: `{code, message}`, never a stack trace. */
export type ApiErrorCode =
  | 'UNKNOWN_CALL'
  | 'BAD_ARGUMENTS'
  /** The request itself is malformed (URL, escapes, headers, body encoding), before any call runs. */
  | 'BAD_REQUEST'
  /** A body, argument or nesting over the lab's limits. */
  | 'TOO_LARGE'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CANCELLED'
  /** The disk answered with a transient error (EMFILE, EACCES, EBUSY…); nothing was changed: try again. */
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | (string & {});

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** Any thrown value as a body safe to send: known errors keep their code, others become INTERNAL. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}

/** HTTP status for an error code, used by the web host. */
export function httpStatusFor(code: ApiErrorCode): number {
  switch (code) {
    case 'BAD_ARGUMENTS':
    case 'BAD_REQUEST':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'UNKNOWN_CALL':
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'TOO_LARGE':
      return 413;
    case 'INTERNAL':
      return 500;
    case 'UNAVAILABLE':
      return 503;
    default:
      return 422;
  }
}
