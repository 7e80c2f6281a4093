/**
 * Diagnostic → text, in the compiler style editors and CI logs understand:
 *   pipeline.dot:4:5: error[start_node]: found 2 start nodes: …
 *     4 |     b [shape=Mdiamond]          (the excerpt, when the diagnostic has one)
 *       |     ^
 *     fix: …
 *     note: start node 'b' declared here at pipeline.dot:5:5
 * Text taken from the pipeline (messages quote values, the excerpt shows a source line) is made visible:
 * control characters print as escapes (`\x1b`), never as themselves.
 */
import type { SourceLocation } from '../common/source-location.js';
import type { Diagnostic } from '../common/diagnostic.js';
/** `file:line:col`, leaving out the parts that are unknown. */
export declare function formatLocation(loc: Partial<SourceLocation>): string;
export declare function formatDiagnostic(d: Diagnostic): string;
/** `2 errors, 1 warning` (zero counts left out; `no problems` when empty). */
export declare function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string;
