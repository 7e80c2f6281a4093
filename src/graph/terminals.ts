/**
 * Finding the start and exit nodes (spec §2.8, §3.2). Validation, the plan and the engine share these so
 * they always agree on which nodes are terminals.
 */
import type { Graph, GraphNode } from './graph.js';
import { HandlerTypes } from './shapes.js';

const START_FALLBACK_IDS = ['start', 'Start'] as const;
const EXIT_FALLBACK_IDS = ['exit', 'Exit', 'end', 'End'] as const;

function isStart(node: GraphNode): boolean {
  return (
    node.attrs.get('shape')?.value === 'Mdiamond' ||
    node.attrs.get('type')?.value.trim() === HandlerTypes.Start
  );
}

function isExit(node: GraphNode): boolean {
  return (
    node.attrs.get('shape')?.value === 'Msquare' ||
    node.attrs.get('type')?.value.trim() === HandlerTypes.Exit
  );
}

function find(
  graph: Graph,
  predicate: (node: GraphNode) => boolean,
  fallbackIds: readonly string[]
): GraphNode[] {
  const found: GraphNode[] = [];
  for (const node of graph.nodes.values()) if (predicate(node)) found.push(node);
  if (found.length > 0) return found;
  for (const id of fallbackIds) {
    const node = graph.nodes.get(id);
    if (node) return [node];
  }
  return [];
}

/**
 * Start nodes: every node with shape `Mdiamond` or type `start`, in declaration order. When there is none,
 * a node with ID `start` (or `Start`). A valid pipeline has exactly one.
 */
export function findStartNodes(graph: Graph): GraphNode[] {
  return find(graph, isStart, START_FALLBACK_IDS);
}

/**
 * Exit nodes: every node with shape `Msquare` or type `exit`, in declaration order. When there is none, a
 * node with ID `exit` or `end` (or `Exit`, `End`). A valid pipeline has exactly one.
 */
export function findExitNodes(graph: Graph): GraphNode[] {
  return find(graph, isExit, EXIT_FALLBACK_IDS);
}
