/**
 * Thrown by `assertValid` when a pipeline has error diagnostics (spec §7.3 `validate_or_raise`).
 * Decide on it with `isTrackerError(e) && e.code === 'PIPELINE_INVALID'`.
 */
import { TrackerError } from '../common/errors.js';
import type { Diagnostic } from '../common/diagnostic.js';
export declare class PipelineValidationError extends TrackerError {
    readonly diagnostics: readonly Diagnostic[];
    constructor(diagnostics: readonly Diagnostic[]);
}
