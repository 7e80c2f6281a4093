/**
 * Facts about a graph that several rules need (terminals, handler types, reachability, parsed conditions),
 * computed once per graph and shared. Graphs are immutable, so a WeakMap keyed by the graph is a safe
 * memo; nothing is computed until a rule asks for it.
 *
 * Reachability runs on a compact integer index of the graph (CSR adjacency), which keeps validation of
 * a 10k-node pipeline fast.
 */
import type { ParseConditionResult } from '../condition/parse-condition.js';
import { parseCondition } from '../condition/parse-condition.js';
import type { Graph, GraphNode } from '../graph/graph.js';
import { findExitNodes, findStartNodes } from '../graph/terminals.js';
import { nodeHandlerType } from '../graph/values.js';

/** Nodes and edge endpoints as integers 0..size-1 (declared nodes first, then ids only edges mention). */
export interface GraphIndex {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Successors of i: outTargets[outStart[i] .. outStart[i + 1]). */
  readonly outStart: Int32Array;
  readonly outTargets: Int32Array;
  /** Predecessors of i: inSources[inStart[i] .. inStart[i + 1]). */
  readonly inStart: Int32Array;
  readonly inSources: Int32Array;
}

/** A set of node ids, backed by a bit per indexed node. */
export interface NodeSet {
  has(id: string): boolean;
}

export class GraphFacts {
  readonly #graph: Graph;
  #index?: GraphIndex;
  #flowIndex?: GraphIndex;
  #starts?: GraphNode[];
  #exits?: GraphNode[];
  #types?: Map<string, string>;
  #fromStart?: NodeSet;
  #toExit?: NodeSet;
  readonly #conditions = new Map<string, ParseConditionResult>();

  constructor(graph: Graph) {
    this.#graph = graph;
  }

  get index(): GraphIndex {
    return (this.#index ??= buildIndex(this.#graph, []));
  }

  /**
   * The index plus the engine's jumps: a node's `retry_target`/`fallback_retry_target` (failure routing) and,
   * from each exit node, the goal-gate retry targets (node and graph level). Reachability uses this one: a
   * node reached only through a retry target still runs.
   */
  get flowIndex(): GraphIndex {
    if (this.#flowIndex === undefined) {
      const jumps = jumpPairs(this.#graph);
      // Without jumps the flow index is the edge index: build (and hold) one, not two.
      this.#flowIndex = jumps.length === 0 ? this.index : buildIndex(this.#graph, jumps);
    }
    return this.#flowIndex;
  }

  get starts(): readonly GraphNode[] {
    return (this.#starts ??= findStartNodes(this.#graph));
  }

  get exits(): readonly GraphNode[] {
    return (this.#exits ??= findExitNodes(this.#graph));
  }

  /** The handler type of a node (explicit type, else shape, else codergen). */
  handlerType(node: GraphNode): string {
    let types = this.#types;
    if (types === undefined) {
      types = new Map();
      for (const n of this.#graph.nodes.values()) types.set(n.id, nodeHandlerType(n));
      this.#types = types;
    }
    return types.get(node.id) ?? nodeHandlerType(node);
  }

  /** Nodes reachable from the start node(s), start included. */
  get reachableFromStart(): NodeSet {
    return (this.#fromStart ??= this.reachable(
      this.starts.map((n) => n.id),
      'forward'
    ));
  }

  /** Nodes with a path to an exit node, exits included. */
  get leadsToExit(): NodeSet {
    return (this.#toExit ??= this.reachable(
      this.exits.map((n) => n.id),
      'backward'
    ));
  }

  /** Every node reachable from `roots` (included), following edges forward or backward. O(nodes + edges). */
  reachable(roots: Iterable<string>, direction: 'forward' | 'backward', withJumps = true): NodeSet {
    const index = withJumps ? this.flowIndex : this.index;
    const start = direction === 'forward' ? index.outStart : index.inStart;
    const adjacent = direction === 'forward' ? index.outTargets : index.inSources;
    const seen = new Uint8Array(index.ids.length);
    const queue = new Int32Array(index.ids.length);
    let tail = 0;
    for (const root of roots) {
      const i = index.indexOf.get(root);
      if (i !== undefined && seen[i] === 0) {
        seen[i] = 1;
        queue[tail++] = i;
      }
    }
    for (let head = 0; head < tail; head++) {
      const i = queue[head] ?? 0;
      const end = start[i + 1] ?? 0;
      for (let k = start[i] ?? 0; k < end; k++) {
        const j = adjacent[k] ?? 0;
        if (seen[j] === 0) {
          seen[j] = 1;
          queue[tail++] = j;
        }
      }
    }
    return { has: (id) => seen[index.indexOf.get(id) ?? -1] === 1 };
  }

  /** parseCondition, once per distinct text. */
  condition(text: string): ParseConditionResult {
    let result = this.#conditions.get(text);
    if (result === undefined) {
      result = parseCondition(text);
      this.#conditions.set(text, result);
    }
    return result;
  }
}

const memo = new WeakMap<Graph, GraphFacts>();

export function graphFacts(graph: Graph): GraphFacts {
  let facts = memo.get(graph);
  if (facts === undefined) {
    facts = new GraphFacts(graph);
    memo.set(graph, facts);
  }
  return facts;
}

const TARGET_ATTRS = ['retry_target', 'fallback_retry_target'] as const;

/** Engine jumps that are not edges: [from, to] pairs (see GraphFacts.flowIndex). */
function jumpPairs(graph: Graph): [string, string][] {
  const pairs: [string, string][] = [];
  const exits = findExitNodes(graph).map((n) => n.id);
  const target = (attrs: Graph['attrs'], key: string): string | undefined => {
    const t = attrs.get(key)?.value.trim();
    return t && graph.nodes.has(t) ? t : undefined;
  };
  for (const key of TARGET_ATTRS) {
    const graphTarget = target(graph.attrs, key);
    if (graphTarget) for (const exit of exits) pairs.push([exit, graphTarget]);
  }
  for (const node of graph.nodes.values()) {
    const goalGate = node.attrs.get('goal_gate')?.value.trim().toLowerCase() === 'true';
    for (const key of TARGET_ATTRS) {
      const t = target(node.attrs, key);
      if (!t) continue;
      pairs.push([node.id, t]);
      if (goalGate) for (const exit of exits) pairs.push([exit, t]);
    }
  }
  return pairs;
}

function buildIndex(graph: Graph, jumps: readonly (readonly [string, string])[]): GraphIndex {
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  const add = (id: string): number => {
    let i = indexOf.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      indexOf.set(id, i);
    }
    return i;
  };
  for (const id of graph.nodes.keys()) add(id);
  const count = graph.edges.length + jumps.length;
  const from = new Int32Array(count);
  const to = new Int32Array(count);
  graph.edges.forEach((edge, k) => {
    from[k] = add(edge.from);
    to[k] = add(edge.to);
  });
  jumps.forEach(([a, b], k) => {
    from[graph.edges.length + k] = add(a);
    to[graph.edges.length + k] = add(b);
  });
  const n = ids.length;
  const csr = (keys: Int32Array, values: Int32Array): [Int32Array, Int32Array] => {
    const start = new Int32Array(n + 1);
    for (const key of keys) start[key + 1] = (start[key + 1] ?? 0) + 1;
    for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
    const fill = start.slice(0, n);
    const out = new Int32Array(keys.length);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] ?? 0;
      out[fill[key] ?? 0] = values[k] ?? 0;
      fill[key] = (fill[key] ?? 0) + 1;
    }
    return [start, out];
  };
  const [outStart, outTargets] = csr(from, to);
  const [inStart, inSources] = csr(to, from);
  return { ids, indexOf, outStart, outTargets, inStart, inSources };
}
