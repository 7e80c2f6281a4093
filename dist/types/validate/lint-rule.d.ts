/**
 * The lint rule interface (spec §7.4). Built-in rules live in `rules/`, one per file; custom rules are
 * appended to them by `validateGraph({ extraRules })`.
 */
import type { Graph } from '../graph/graph.js';
import type { Diagnostic } from '../common/diagnostic.js';
/** What a rule may know beyond the graph itself. */
export interface LintContext {
    /** Handler types the registry can run (built-in plus custom ones). */
    readonly knownHandlerTypes: ReadonlySet<string>;
}
export interface LintRule {
    /** The rule id, as it appears in `Diagnostic.rule` and as a section in docs/diagnostics.md. */
    readonly name: string;
    /** Must not throw for any graph, and must run in linear (or n log n) time. */
    apply(graph: Graph, ctx: LintContext): Diagnostic[];
}
