/**
 * Error classes shared by every layer. Decide on errors with `isTrackerError(e) && e.code === …`,
 * never with `instanceof` (bundling can duplicate classes) or message text.
 */
export type TrackerErrorCode = 'DOT_SYNTAX' | 'DOT_LIMIT' | 'PIPELINE_INVALID' | 'CHECKPOINT_INVALID' | 'CHECKPOINT_MISMATCH' | 'RUN_ABORTED' | 'BRANCH_TIMEOUT' | 'USAGE' | 'IO' | 'ARCHIVE' | 'INTERVIEWER_UNAVAILABLE' | 'HANDLER' | 'INTERNAL';
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
