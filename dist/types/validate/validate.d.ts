/**
 * Validation (spec §7): runs every lint rule over a graph and returns the diagnostics, sorted by place.
 * A pipeline with error diagnostics must not run; `assertValid` throws for those.
 */
import type { Graph } from '../graph/graph.js';
import type { Diagnostic } from '../common/diagnostic.js';
import type { LintRule } from './lint-rule.js';
export { PipelineValidationError } from './pipeline-validation-error.js';
/** The built-in rules: spec §7.2 first, then tracker's own. Every name has a section in docs/diagnostics.md. */
export declare const BUILTIN_RULES: readonly LintRule[];
export interface ValidateOptions {
    /** Appended to the built-in rules (spec §7.4). */
    readonly extraRules?: readonly LintRule[];
    /** Handler types the registry can run, for `type_known`. Defaults to the built-in handler types. */
    readonly knownHandlerTypes?: Iterable<string>;
}
export declare function validateGraph(graph: Graph, options?: ValidateOptions): Diagnostic[];
/**
 * Validates and throws `PipelineValidationError` (code PIPELINE_INVALID) when there are errors;
 * otherwise returns the diagnostics (warnings and notes).
 */
export declare function assertValid(graph: Graph, options?: ValidateOptions): Diagnostic[];
