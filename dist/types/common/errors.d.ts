/**
 * Error classes shared by every layer. Decide on errors with `isTrackerError(e) && e.code === …`,
 * never with `instanceof` (bundling can duplicate classes) or message text.
 */
export type TrackerErrorCode = 'DOT_SYNTAX' | 'DOT_LIMIT' | 'PIPELINE_INVALID' | 'CHECKPOINT_INVALID' | 'CHECKPOINT_MISMATCH' | 'RUN_ABORTED' | 'BRANCH_TIMEOUT' | 'USAGE' | 'IO' | 'ARCHIVE' | 'INTERVIEWER_UNAVAILABLE' | 'HANDLER' | 'LLM_RETRYABLE' | 'LLM_TERMINAL' | 'LLM_PAUSE' | 'INTERNAL'
/** GitHub refused the token (401): missing, expired (App tokens last an hour) or revoked. */
 | 'GITHUB_UNAUTHORIZED'
/** The token may not do this (403), e.g. no `issues: write`, or a fork PR's read-only token. */
 | 'GITHUB_FORBIDDEN'
/** The repository, issue or comment does not exist, or the token cannot see it (404). */
 | 'GITHUB_NOT_FOUND'
/** GitHub refused the request as given (400, 422, other 4xx): a too-long body, an invalid field. */
 | 'GITHUB_REJECTED'
/** A primary or secondary rate limit outlasted the waits the client allows itself. */
 | 'GITHUB_RATE_LIMITED'
/** GitHub kept failing (5xx) or could not be reached, after the retries. */
 | 'GITHUB_UNAVAILABLE';
export interface TrackerErrorOptions {
    readonly cause?: unknown;
}
export declare class TrackerError extends Error {
    readonly code: TrackerErrorCode;
    readonly trackerError: true;
    constructor(code: TrackerErrorCode, message: string, options?: TrackerErrorOptions);
}
export declare function isTrackerError(value: unknown): value is TrackerError;
/** Renders anything thrown (including non-Error values) as a one-line message. */
export declare function errorMessage(value: unknown): string;
