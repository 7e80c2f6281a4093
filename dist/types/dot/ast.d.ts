/**
 * The DOT syntax tree. Pure data, produced by `parseDot` and consumed by `buildGraph`.
 * Every node carries its source span so later stages can point at file:line:col.
 */
/** A point in the source text. `line` and `column` are 1-based; `offset` is a 0-based UTF-16 index. */
export interface Position {
    readonly line: number;
    readonly column: number;
    readonly offset: number;
}
export interface Span {
    readonly start: Position;
    readonly end: Position;
}
/** How an ID or value was written in the source. */
export type IdKind = 'bare' | 'quoted' | 'number' | 'html';
/** An identifier or attribute value: the decoded text (escapes resolved, quotes removed) and how it was written. */
export interface DotId {
    readonly value: string;
    readonly kind: IdKind;
    readonly span: Span;
}
export interface Attr {
    readonly key: DotId;
    readonly value: DotId;
    readonly span: Span;
}
/** `a` or `a:port` or `a:port:sw`; ports are kept but carry no meaning for pipelines. */
export interface NodeRef {
    readonly type: 'node_ref';
    readonly id: DotId;
    readonly port?: string;
    readonly span: Span;
}
export interface NodeStmt {
    readonly type: 'node';
    readonly ref: NodeRef;
    readonly attrs: readonly Attr[];
    readonly span: Span;
}
/** `a -> b -> {c d} [attrs]`; `ops[i]` joins `operands[i]` and `operands[i + 1]`. */
export interface EdgeStmt {
    readonly type: 'edge';
    readonly operands: readonly (NodeRef | Subgraph)[];
    readonly ops: readonly ('->' | '--')[];
    readonly attrs: readonly Attr[];
    readonly span: Span;
}
/** `graph [..]`, `node [..]`, `edge [..]`. */
export interface AttrStmt {
    readonly type: 'attr_stmt';
    readonly target: 'graph' | 'node' | 'edge';
    readonly attrs: readonly Attr[];
    readonly span: Span;
}
/** A top-level or subgraph-level `key = value`. */
export interface AssignStmt {
    readonly type: 'assign';
    readonly attr: Attr;
    readonly span: Span;
}
export interface Subgraph {
    readonly type: 'subgraph';
    /** Absent for anonymous subgraphs (`{ ... }` or `subgraph { ... }`). */
    readonly id?: DotId;
    readonly body: readonly Statement[];
    readonly span: Span;
}
export type Statement = NodeStmt | EdgeStmt | AttrStmt | AssignStmt | Subgraph;
export interface DotGraph {
    readonly type: 'graph';
    readonly strict: boolean;
    readonly directed: boolean;
    readonly id?: DotId;
    readonly body: readonly Statement[];
    readonly span: Span;
    /** The file name used in locations (as given to the parser). */
    readonly file: string;
}
