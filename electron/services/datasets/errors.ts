/**
 * The one error type every dataset operation throws. `code` is for programs (the UI picks an icon,
 * tests assert on it); `message` is for the learner and says what went wrong in plain words.
 */
export type DatasetErrorCode =
  | 'UNKNOWN_DATASET'
  | 'BAD_MIRROR'
  | 'DOWNLOAD_FAILED'
  | 'CANCELLED'
  | 'NOT_READY'
  | 'NO_BUNDLED_COPY'
  | 'FILE_NOT_FOUND'
  | 'WRONG_FILE_COUNT'
  | 'NOT_A_DATASET_FILE'
  | 'TRUNCATED'
  | 'TOO_LARGE'
  | 'WRONG_IMAGE_SIZE'
  | 'UNEXPECTED_COUNT'
  | 'COUNT_MISMATCH'
  | 'LABEL_OUT_OF_RANGE'
  | 'DUPLICATE_ROLE'
  | 'MISSING_ROLE'
  | 'BAD_NPZ'
  | 'CONTENT_MISMATCH';

export class DatasetError extends Error {
  override name = 'DatasetError';
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** The plain `{code, message}` shape the API hosts send to the renderer. */
  toJSON(): { code: DatasetErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}
