import type { Graph, GraphEdge } from './graph.js';
/**
 * PLANNING: LLM or human stages and no tool stages. EXECUTION: tool stages and no LLM stages. HYBRID: both
 * LLM and tool stages. EMPTY: none of them (e.g. only start and exit).
 */
export type PipelineKind = 'PLANNING' | 'EXECUTION' | 'HYBRID' | 'EMPTY';
export interface ParallelGroup {
    /** The `parallel` node. */
    readonly nodeId: string;
    /** Targets of its outgoing edges, in declaration order. */
    readonly branches: readonly string[];
    /** Where the branches join and execution continues (a fan-in node, or the first node they all reach); absent when they never meet. */
    readonly fanIn?: string;
}
export interface ExecutionPlan {
    /** Where the walk started: the start node(s), else nodes without incoming edges. */
    readonly roots: readonly string[];
    /** `levels[i]`: nodes whose longest path from a root has i edges, in declaration order. */
    readonly levels: readonly (readonly string[])[];
    /** The levels flattened: a topological order of the reachable nodes. */
    readonly order: readonly string[];
    /** Edges that close a cycle (found by depth-first search from the roots, in edge declaration order). */
    readonly backEdges: readonly GraphEdge[];
    /** Nodes not reachable from the roots, in declaration order. */
    readonly unreachable: readonly string[];
    readonly parallelGroups: readonly ParallelGroup[];
    readonly kind: PipelineKind;
}
export interface GraphSummary {
    readonly name: string;
    readonly goal?: string;
    readonly nodeCount: number;
    readonly edgeCount: number;
    /** Handler type → number of nodes, in order of first appearance. */
    readonly handlerCounts: ReadonlyMap<string, number>;
    readonly startNodeIds: readonly string[];
    readonly exitNodeIds: readonly string[];
    readonly kind: PipelineKind;
}
export declare function summarizeGraph(graph: Graph): GraphSummary;
export declare function pipelineKind(graph: Graph): PipelineKind;
export declare function planExecution(graph: Graph): ExecutionPlan;
