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
  nodes: ReadonlyMap<string, GraphNode>,
  predicate: (node: GraphNode) => boolean,
  fallbackIds: readonly string[]
): { found: GraphNode[]; byFallback: boolean } {
  const found: GraphNode[] = [];
  for (const node of nodes.values()) if (predicate(node)) found.push(node);
  if (found.length > 0) return { found, byFallback: false };
  for (const id of fallbackIds) {
    const node = nodes.get(id);
    if (node) return { found: [node], byFallback: true };
  }
  return { found, byFallback: false };
}

/**
 * Start nodes: every node with shape `Mdiamond` or type `start`, in declaration order. When there is none,
 * a node with ID `start` (or `Start`). A valid pipeline has exactly one.
 */
export function findStartNodes(graph: Graph): GraphNode[] {
  return find(graph.nodes, isStart, START_FALLBACK_IDS).found;
}

/**
 * Exit nodes: every node with shape `Msquare` or type `exit`, in declaration order. When there is none, a
 * node with ID `exit` or `end` (or `Exit`, `End`). A valid pipeline has exactly one.
 */
export function findExitNodes(graph: Graph): GraphNode[] {
  return find(graph.nodes, isExit, EXIT_FALLBACK_IDS).found;
}

/** Both terminals of a node map, and whether each was found only by its ID (the fallback). */
export function findTerminalNodes(nodes: ReadonlyMap<string, GraphNode>): {
  readonly starts: readonly GraphNode[];
  readonly exits: readonly GraphNode[];
  readonly startByFallback: boolean;
  readonly exitByFallback: boolean;
} {
  const start = find(nodes, isStart, START_FALLBACK_IDS);
  const exit = find(nodes, isExit, EXIT_FALLBACK_IDS);
  return {
    starts: start.found,
    exits: exit.found,
    startByFallback: start.byFallback,
    exitByFallback: exit.byFallback
  };
}
