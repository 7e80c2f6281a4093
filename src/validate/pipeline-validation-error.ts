/**
 * Thrown by `assertValid` when a pipeline has error diagnostics (spec §7.3 `validate_or_raise`).
 * Decide on it with `isTrackerError(e) && e.code === 'PIPELINE_INVALID'`.
 */
import { TrackerError } from '../common/errors.js';
import type { Diagnostic } from '../common/diagnostic.js';
import { formatDiagnostic, summarizeDiagnostics } from './format-diagnostic.js';

/** Errors listed in the message; all of them are always in `diagnostics`. */
const MAX_IN_MESSAGE = 20;

export class PipelineValidationError extends TrackerError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const listed = errors.slice(0, MAX_IN_MESSAGE).map((d) => formatDiagnostic(d));
    if (errors.length > MAX_IN_MESSAGE)
      listed.push(`… and ${errors.length - MAX_IN_MESSAGE} more errors`);
    super(
      'PIPELINE_INVALID',
      `The pipeline is invalid (${summarizeDiagnostics(diagnostics)}):\n${listed.join('\n')}`
    );
    this.name = 'PipelineValidationError';
    this.diagnostics = diagnostics;
  }
}
