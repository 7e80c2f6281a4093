/**
 * DOT AST → pipeline Graph, with Graphviz semantics:
 * - `node [..]` / `edge [..]` defaults apply to statements after them in the same scope and in nested
 *   subgraphs; a subgraph starts from a copy of the enclosing defaults and its changes do not leak out.
 * - A node gets the node defaults in effect where it first appears (declaration or edge), merged with its
 *   explicit attributes; re-declaring a node merges its attributes (later explicit values win).
 * - Chains `a -> b -> c [x]` become a->b and b->c, both with `x`; a subgraph operand stands for every
 *   node in it (`{a b} -> {c d}` is the cross product).
 * - `label` inside a subgraph labels the subgraph, and derives a class for its nodes (spec §2.10).
 * - Aliases (`default_max_retry`, `max_concurrency`, …) are stored under their canonical key.
 */
import type { DotGraph } from '../dot/ast.js';
import type { Diagnostic } from '../common/diagnostic.js';
import type { Graph } from './graph.js';
export interface BuildGraphResult {
    readonly graph: Graph;
    /** Build-time findings: `dot_dialect`, `duplicate_node`, `attribute_alias_conflict`. */
    readonly diagnostics: Diagnostic[];
}
export declare function buildGraph(ast: DotGraph): BuildGraphResult;
