/**
 * A static view of how a pipeline will run, for `tracker validate` / `simulate` output: topological levels
 * from the start node (back edges of loops ignored), the parallel groups with their fan-in, and the kind of
 * pipeline (planning, execution, hybrid). Nothing here decides routing at run time; the engine does that.
 */
import { findJoinNode } from './find-join-node.js';
import type { Graph, GraphEdge } from './graph.js';
import { outgoingEdges } from './graph.js';
import { HandlerTypes } from './shapes.js';
import { findExitNodes, findStartNodes } from './terminals.js';
import { nodeHandlerType } from './values.js';

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

export function summarizeGraph(graph: Graph): GraphSummary {
  const handlerCounts = countHandlers(graph);
  const goal = graph.attrs.get('goal')?.value;
  return {
    name: graph.name,
    ...(goal === undefined || goal === '' ? {} : { goal }),
    nodeCount: graph.nodes.size,
    edgeCount: graph.edges.length,
    handlerCounts,
    startNodeIds: findStartNodes(graph).map((n) => n.id),
    exitNodeIds: findExitNodes(graph).map((n) => n.id),
    kind: kindFromCounts(handlerCounts)
  };
}

export function pipelineKind(graph: Graph): PipelineKind {
  return kindFromCounts(countHandlers(graph));
}

export function planExecution(graph: Graph): ExecutionPlan {
  const roots = findRoots(graph);
  const { visited, backEdges } = depthFirst(graph, roots);
  const backEdgeIndexes = new Set(backEdges.map((e) => e.index));

  // Longest path from the roots over the acyclic remainder (Kahn's algorithm).
  const indegree = new Map<string, number>();
  for (const id of visited) indegree.set(id, 0);
  for (const edge of graph.edges) {
    if (backEdgeIndexes.has(edge.index) || !visited.has(edge.from) || !visited.has(edge.to))
      continue;
    indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  }
  const level = new Map<string, number>();
  const queue: string[] = [];
  for (const [id, d] of indegree) {
    if (d === 0) {
      queue.push(id);
      level.set(id, 0);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    if (id === undefined) break;
    const here = level.get(id) ?? 0;
    for (const edge of outgoingEdges(graph, id)) {
      if (backEdgeIndexes.has(edge.index) || !visited.has(edge.to)) continue;
      if ((level.get(edge.to) ?? -1) < here + 1) level.set(edge.to, here + 1);
      const left = (indegree.get(edge.to) ?? 0) - 1;
      indegree.set(edge.to, left);
      if (left === 0) queue.push(edge.to);
    }
  }

  const levels: string[][] = [];
  const unreachable: string[] = [];
  for (const id of graph.nodes.keys()) {
    const l = level.get(id);
    if (l === undefined) {
      unreachable.push(id);
      continue;
    }
    while (levels.length <= l) levels.push([]);
    levels[l]?.push(id);
  }

  return {
    roots,
    levels,
    order: levels.flat(),
    backEdges,
    unreachable,
    parallelGroups: findParallelGroups(graph),
    kind: pipelineKind(graph)
  };
}

// ── Internals ──────────────────────────────────────────────────────────────────────────────────────

function countHandlers(graph: Graph): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of graph.nodes.values()) {
    const type = nodeHandlerType(node);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

function kindFromCounts(counts: ReadonlyMap<string, number>): PipelineKind {
  const llm = counts.get(HandlerTypes.Codergen) ?? 0;
  const human = counts.get(HandlerTypes.WaitHuman) ?? 0;
  const tool = counts.get(HandlerTypes.Tool) ?? 0;
  if (tool > 0) return llm > 0 ? 'HYBRID' : 'EXECUTION';
  return llm > 0 || human > 0 ? 'PLANNING' : 'EMPTY';
}

function findRoots(graph: Graph): string[] {
  const starts = findStartNodes(graph).map((n) => n.id);
  if (starts.length > 0) return starts;
  const sources = [...graph.nodes.keys()].filter(
    (id) => (graph.incoming.get(id)?.length ?? 0) === 0
  );
  if (sources.length > 0) return sources;
  const first = graph.nodes.keys().next();
  return first.done === true ? [] : [first.value];
}

/** Iterative DFS (no recursion: long chains must not overflow the stack). */
function depthFirst(
  graph: Graph,
  roots: readonly string[]
): { visited: Set<string>; backEdges: GraphEdge[] } {
  const visited = new Set<string>();
  const onStack = new Set<string>();
  const backEdges: GraphEdge[] = [];
  for (const root of roots) {
    if (visited.has(root) || !graph.nodes.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    visited.add(root);
    onStack.add(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (!frame) break;
      const edges = outgoingEdges(graph, frame.id);
      const edge = edges[frame.next];
      if (!edge) {
        onStack.delete(frame.id);
        stack.pop();
        continue;
      }
      frame.next++;
      if (!graph.nodes.has(edge.to)) continue;
      if (onStack.has(edge.to)) {
        backEdges.push(edge);
      } else if (!visited.has(edge.to)) {
        visited.add(edge.to);
        onStack.add(edge.to);
        stack.push({ id: edge.to, next: 0 });
      }
    }
  }
  backEdges.sort((a, b) => a.index - b.index);
  return { visited, backEdges };
}

/** Each parallel node's branches and where they join: the node the engine continues at (find-join-node). */
function findParallelGroups(graph: Graph): ParallelGroup[] {
  const groups: ParallelGroup[] = [];
  for (const node of graph.nodes.values()) {
    if (nodeHandlerType(node) !== HandlerTypes.Parallel) continue;
    const branches = [...new Set(outgoingEdges(graph, node.id).map((e) => e.to))];
    const fanIn = findJoinNode(graph, node.id, branches);
    groups.push({ nodeId: node.id, branches, ...(fanIn === undefined ? {} : { fanIn }) });
  }
  return groups;
}
