/**
 * Error classes shared by every layer. Decide on errors with `isTrackerError(e) && e.code === …`,
 * never with `instanceof` (bundling can duplicate classes) or message text.
 */
export type TrackerErrorCode =
  | 'DOT_SYNTAX'
  | 'DOT_LIMIT'
  | 'PIPELINE_INVALID'
  | 'CHECKPOINT_INVALID'
  | 'CHECKPOINT_MISMATCH'
  | 'RUN_ABORTED'
  | 'BRANCH_TIMEOUT'
  | 'USAGE'
  | 'IO'
  | 'HANDLER'
  | 'LLM_RETRYABLE'
  | 'LLM_TERMINAL'
  | 'LLM_PAUSE'
  | 'INTERNAL';

export interface TrackerErrorOptions {
  readonly cause?: unknown;
}

export class TrackerError extends Error {
  readonly code: TrackerErrorCode;
  readonly trackerError = true as const;

  constructor(code: TrackerErrorCode, message: string, options: TrackerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrackerError';
    this.code = code;
  }
}

export function isTrackerError(value: unknown): value is TrackerError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { trackerError?: unknown }).trackerError === true &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/** Renders anything thrown (including non-Error values) as a one-line message. */
export function errorMessage(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
