/**
 * DOT text → `DotGraph` (the full Graphviz statement grammar, one graph per file). Pure and bounded: input
 * size, nesting, node, edge, statement and value-length limits protect against hostile files, and errors
 * are collected with recovery so one run reports every independent mistake (up to 20).
 */
import type { DotGraph } from './ast.js';
/** Bounds for untrusted input. Every violation is a `DOT_LIMIT` error naming the option to raise. */
export interface DotLimits {
    /** Size of the text in UTF-8 bytes. */
    readonly maxBytes: number;
    /** How deep subgraphs may nest (the graph body itself is depth 0). */
    readonly maxDepth: number;
    /** Distinct node IDs mentioned in node and edge statements. */
    readonly maxNodes: number;
    /** Edges after expanding chains and subgraph operands (`{a b} -> {c d}` is 4). */
    readonly maxEdges: number;
    /** Length of one decoded ID or value, in UTF-16 code units. */
    readonly maxAttrLength: number;
    /** Statements, counting those inside subgraphs. */
    readonly maxStatements: number;
}
export declare const DEFAULT_DOT_LIMITS: Readonly<DotLimits>;
export interface ParseOptions {
    /** The name used in error locations and `DotGraph.file`. Default `<input>`. */
    readonly file?: string;
    readonly limits?: Partial<DotLimits>;
}
/**
 * How to raise a limit, for CLI users (`tracker validate|run --limit name=N`) and library callers
 * (`parseDot(text, { limits })`), suggesting `suggested` as the new value.
 */
export declare function raiseLimitHint(option: keyof DotLimits, now: number, suggested: number): string;
/**
 * Parses one DOT graph. Throws `DotSyntaxError` (code `DOT_SYNTAX`, or `DOT_LIMIT` when a `DotLimits` bound
 * is exceeded) carrying every independent problem found; never throws anything else.
 */
export declare function parseDot(source: string, options?: ParseOptions): DotGraph;
