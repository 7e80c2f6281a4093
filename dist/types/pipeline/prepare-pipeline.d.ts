import type { DotLimits } from '../dot/parser.js';
import type { Graph } from '../graph/graph.js';
import type { Diagnostic } from '../common/diagnostic.js';
import type { LintRule } from '../validate/lint-rule.js';
import type { Transform } from './transforms.js';
import type { DotSyntaxError } from '../dot/dot-syntax-error.js';
export interface PrepareOptions {
    readonly file?: string;
    readonly limits?: Partial<DotLimits>;
    /** Run after the built-in transforms, in order (spec §9.3). */
    readonly transforms?: readonly Transform[];
    readonly extraRules?: readonly LintRule[];
    /** Handler types the registry knows (for `type_known`). Defaults to the built-in types. */
    readonly knownHandlerTypes?: Iterable<string>;
}
export interface PreparedPipeline {
    /** Absent when the text does not parse. */
    readonly graph?: Graph;
    readonly diagnostics: readonly Diagnostic[];
    /** True when there are no error diagnostics. */
    readonly ok: boolean;
    /** The text that was prepared, so renderers can show source excerpts (see `attachExcerpts`). */
    readonly source?: string;
    /** The file name diagnostics use for this text. */
    readonly file?: string;
}
/** One diagnostic per issue, each with its own rule, in source order; a note when parsing gave up early. */
export declare function syntaxDiagnostics(error: DotSyntaxError): Diagnostic[];
export declare function preparePipeline(source: string, options?: PrepareOptions): PreparedPipeline;
