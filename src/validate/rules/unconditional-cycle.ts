/**
 * unconditional_cycle: a loop that a run can enter but never leave. Edges with a `condition` are what
 * make loops finite (`fix -> test`, `test -> done [condition="outcome=success"]`), so a cycle is reported
 * when all of its edges are unconditional and none of its nodes has a way out of it: no conditional edge
 * and no labelled choice (routable by `preferred_label`) that leaves the loop.
 *
 * Loops through a human gate (wait.human) are human-driven routing and are not reported; nor are loops
 * through a node with `max_visits` (or in a graph with `default_max_visits`), which bounds them. Edges
 * into the start node or out of the exit node are left to start_no_incoming / exit_no_outgoing. Each
 * strongly connected component is reported once. O(nodes + edges).
 */
import type { GraphEdge, GraphNode } from '../../graph/graph.js';
import { HandlerTypes } from '../../graph/shapes.js';
import { parseInteger } from '../../graph/values.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import type { GraphFacts } from '../graph-facts.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';
import { stronglyConnectedComponents } from '../strongly-connected.js';

const MAX_PATH_SHOWN = 12;

export function isConditional(edge: GraphEdge): boolean {
  return (edge.attrs.get('condition')?.value.trim() ?? '') !== '';
}

function positive(text: string | undefined): boolean {
  const n = text === undefined ? undefined : parseInteger(text);
  return n !== undefined && n > 0;
}

function breaksLoops(facts: GraphFacts, node: GraphNode): boolean {
  return (
    facts.handlerType(node) === HandlerTypes.WaitHuman ||
    positive(node.attrs.get('max_visits')?.value)
  );
}

/** Shortest loop from `root` back to itself along the loop edges inside its component (BFS). */
function findLoop(
  root: number,
  inComponent: (i: number) => boolean,
  start: Int32Array,
  targets: Int32Array,
  edgeAt: readonly GraphEdge[]
): GraphEdge[] {
  /** node → [slot of the edge that reached it, the node that edge comes from] */
  const via = new Map<number, readonly [number, number]>();
  const queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head] ?? 0;
    const end = start[i + 1] ?? 0;
    for (let k = start[i] ?? 0; k < end; k++) {
      const j = targets[k] ?? 0;
      if (!inComponent(j)) continue;
      if (j === root) {
        const slots = [k];
        for (let cur = i; cur !== root;) {
          const step = via.get(cur);
          if (step === undefined) break;
          slots.push(step[0]);
          cur = step[1];
        }
        return slots.reverse().flatMap((slot) => edgeAt[slot] ?? []);
      }
      if (j !== root && !via.has(j)) {
        via.set(j, [k, i]);
        queue.push(j);
      }
    }
  }
  return [];
}

function describeLoop(path: readonly GraphEdge[]): string {
  const ids = path.map((e) => e.from);
  ids.push(path[path.length - 1]?.to ?? '');
  if (ids.length <= MAX_PATH_SHOWN) return ids.join(' -> ');
  return [...ids.slice(0, MAX_PATH_SHOWN - 2), '…', ids[ids.length - 1] ?? ''].join(' -> ');
}

export const unconditionalCycleRule: LintRule = {
  name: 'unconditional_cycle',
  apply(graph) {
    if (positive(graph.attrs.get('default_max_visits')?.value)) return [];
    const facts = graphFacts(graph);
    const { ids, indexOf } = facts.index;
    const n = ids.length;
    const at = (id: string): number => indexOf.get(id) ?? -1;

    const breaker = new Uint8Array(n);
    for (const node of graph.nodes.values()) if (breaksLoops(facts, node)) breaker[at(node.id)] = 1;
    for (const node of [...facts.starts, ...facts.exits]) breaker[at(node.id)] = 1;

    // The loop-capable edges (unconditional, between non-breakers) in CSR form.
    const loopEdges = graph.edges.filter(
      (e) => !isConditional(e) && breaker[at(e.from)] === 0 && breaker[at(e.to)] === 0
    );
    const start = new Int32Array(n + 1);
    for (const e of loopEdges) start[at(e.from) + 1] = (start[at(e.from) + 1] ?? 0) + 1;
    for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
    const fill = start.slice(0, n);
    const targets = new Int32Array(loopEdges.length);
    const edgeAt: GraphEdge[] = new Array<GraphEdge>(loopEdges.length);
    for (const e of loopEdges) {
      const i = at(e.from);
      const slot = fill[i] ?? 0;
      targets[slot] = at(e.to);
      edgeAt[slot] = e;
      fill[i] = slot + 1;
    }

    const { count, of } = stronglyConnectedComponents(n, start, targets);
    const size = new Int32Array(count);
    const root = new Int32Array(count).fill(-1);
    for (let i = 0; i < n; i++) {
      const c = of[i] ?? 0;
      size[c] = (size[c] ?? 0) + 1;
      if (root[c] === -1) root[c] = i;
    }
    const cyclic = new Uint8Array(count);
    for (let c = 0; c < count; c++) if ((size[c] ?? 0) > 1) cyclic[c] = 1;
    for (const e of loopEdges) if (e.from === e.to) cyclic[of[at(e.from)] ?? 0] = 1;

    // A loop can be left through a conditional edge, or a labelled choice, to outside the component.
    for (const e of graph.edges) {
      const c = of[at(e.from)] ?? 0;
      if (cyclic[c] !== 1 || of[at(e.to)] === c) continue;
      const choice =
        (graph.outgoing.get(e.from)?.length ?? 0) > 1 &&
        (e.attrs.get('label')?.value.trim() ?? '') !== '';
      if (isConditional(e) || choice) cyclic[c] = 2;
    }

    const reported: number[] = [];
    for (let c = 0; c < count; c++) if (cyclic[c] === 1) reported.push(c);
    reported.sort((a, b) => (root[a] ?? 0) - (root[b] ?? 0));

    const diagnostics: Diagnostic[] = [];
    for (const c of reported) {
      const r = root[c] ?? 0;
      const path = findLoop(r, (i) => of[i] === c, start, targets, edgeAt);
      const closing = path[path.length - 1];
      if (closing === undefined) continue;
      const members = size[c] ?? 0;
      const involves = members > path.length ? ` (the loop involves ${members} nodes)` : '';
      diagnostics.push(
        diagnosticAt(closing.loc, {
          rule: 'unconditional_cycle',
          severity: 'error',
          message:
            `unconditional cycle ${describeLoop(path)}${involves}: no edge on it has a condition and no node in it ` +
            'has a conditional or labelled way out, so a run that enters it loops forever',
          nodeId: ids[r] ?? closing.from,
          edge: { from: closing.from, to: closing.to },
          fix:
            `Add a condition to an edge of the loop, e.g. ${closing.from} -> ${closing.to} [condition="outcome=fail"], ` +
            'give the loop a conditional exit, or bound it with max_visits on one of its nodes.'
        })
      );
    }
    return diagnostics;
  }
};
