/**
 * Graph transforms (spec §9): pure functions Graph → Graph applied after parsing and before validation.
 */
import type { Graph } from '../graph/graph.js';
export interface Transform {
    readonly name: string;
    apply(graph: Graph): Graph;
}
/** Applies `model_stylesheet` (spec §8). A stylesheet that does not parse is left for validation to report. */
export declare const stylesheetTransform: Transform;
/**
 * Expands `$goal` in node prompts to the graph's `goal` (spec §9.2). Simple replacement, single pass:
 * the goal text is never re-scanned.
 */
export declare const goalExpansionTransform: Transform;
export declare const BUILTIN_TRANSFORMS: readonly Transform[];
