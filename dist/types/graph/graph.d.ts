/**
 * The pipeline graph: nodes, edges and attributes with defaults, subgraph scoping and aliases applied.
 * Built from a DOT AST by `buildGraph`; everything downstream (validation, engine) reads only this.
 */
import type { SourceLocation } from '../common/source-location.js';
import type { IdKind } from '../dot/ast.js';
/**
 * Where an attribute's value came from. `derived`: set by the builder from other facts (a terminal found by
 * its ID gets `type=start`; see `graph/derive-handler-type.ts`).
 */
export type AttrOrigin = 'explicit' | 'default' | 'stylesheet' | 'alias' | 'api' | 'derived';
export interface AttrValue {
    /** Decoded text (quotes removed, escapes resolved). Typed access goes through `graph/attributes.ts`. */
    readonly value: string;
    readonly kind: IdKind;
    readonly origin: AttrOrigin;
    /** Where the value was written: the attribute itself, or the default block it came from. */
    readonly loc?: SourceLocation;
    /** The key as written, when it differs from the canonical key (an alias such as `default_max_retry`). */
    readonly writtenKey?: string;
}
/** Attribute maps are real `Map`s so keys like `__proto__` are plain data. */
export type Attributes = ReadonlyMap<string, AttrValue>;
export interface GraphNode {
    readonly id: string;
    readonly attrs: Attributes;
    /** First declaration, or the first edge that mentioned the node when it was never declared. */
    readonly loc: SourceLocation;
    /** Every node statement that declared this node, in order. */
    readonly declarations: readonly SourceLocation[];
    /** True when the node only appears in edge statements. */
    readonly implicit: boolean;
    /** From the `class` attribute (comma-separated) plus classes derived from enclosing subgraph labels. */
    readonly classes: readonly string[];
    /** IDs of enclosing named subgraphs, outermost first. */
    readonly subgraphs: readonly string[];
}
export interface GraphEdge {
    /** Position in declaration order (chains expand left to right). */
    readonly index: number;
    readonly from: string;
    readonly to: string;
    readonly attrs: Attributes;
    /** The edge statement. */
    readonly loc: SourceLocation;
}
export interface SubgraphInfo {
    readonly id?: string;
    readonly label?: string;
    /** Class derived from the label (spec §2.10), if any. */
    readonly derivedClass?: string;
    readonly nodeIds: readonly string[];
    readonly loc: SourceLocation;
    /**
     * Attributes set inside the subgraph body (`label="X"`, `graph [...]`), when there are any. Only `label`
     * and Graphviz rendering attributes mean something there; validation reports the others.
     */
    readonly attrs?: Attributes;
}
export interface Graph {
    /** The digraph's ID (its name). */
    readonly name: string;
    readonly file: string;
    readonly attrs: Attributes;
    /** In declaration order. */
    readonly nodes: ReadonlyMap<string, GraphNode>;
    /** In declaration order. */
    readonly edges: readonly GraphEdge[];
    readonly outgoing: ReadonlyMap<string, readonly GraphEdge[]>;
    readonly incoming: ReadonlyMap<string, readonly GraphEdge[]>;
    readonly subgraphs: readonly SubgraphInfo[];
    /** Location of the `digraph` keyword. */
    readonly loc: SourceLocation;
}
export declare function outgoingEdges(graph: Graph, nodeId: string): readonly GraphEdge[];
export declare function incomingEdges(graph: Graph, nodeId: string): readonly GraphEdge[];
/** Assembles a Graph (with adjacency indexes) from nodes and edges. Used by the builder, transforms and tests. */
export declare function makeGraph(parts: {
    name: string;
    file: string;
    attrs: Attributes;
    nodes: ReadonlyMap<string, GraphNode>;
    edges: readonly GraphEdge[];
    subgraphs?: readonly SubgraphInfo[];
    loc?: SourceLocation;
}): Graph;
/** Returns a copy of the node with some attributes replaced (used by transforms such as the stylesheet). */
export declare function withNodeAttrs(node: GraphNode, attrs: Attributes): GraphNode;
