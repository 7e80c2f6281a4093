/**
 * Where the branches of a parallel node converge, i.e. where each branch stops and execution continues
 * after the parallel node. An explicit `parallel_join` wins. Otherwise it is the first node every branch
 * reaches: the node reachable from all branch starts with the smallest longest-distance, preferring a
 * `parallel.fan_in` node on a tie, then declaration order. Paths of unconditional edges are tried first, so
 * a node reached only through failure conditions (a shared fixer) is not taken for the join when the
 * normal paths meet elsewhere. The join need not be a fan-in — with plain DOT
 * (`a -> shared`, `b -> shared`) the branches stop before `shared`, which then runs once. Branch start
 * nodes are never the join, so every branch runs at least its first node.
 */
import type { Graph } from './graph.js';
import { outgoingEdges } from './graph.js';
import { HandlerTypes } from './shapes.js';
import { getString, nodeHandlerType } from './values.js';

function distancesFrom(
  graph: Graph,
  start: string,
  blocked: string,
  unconditionalOnly: boolean
): Map<string, number> {
  const dist = new Map<string, number>([[start, 0]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const d = dist.get(id) ?? 0;
    for (const e of outgoingEdges(graph, id)) {
      if (e.to === blocked || dist.has(e.to)) continue;
      if (unconditionalOnly && (e.attrs.get('condition')?.value.trim() ?? '') !== '') continue;
      dist.set(e.to, d + 1);
      queue.push(e.to);
    }
  }
  return dist;
}

export function findJoinNode(
  graph: Graph,
  parallelId: string,
  branchStarts: readonly string[]
): string | undefined {
  const node = graph.nodes.get(parallelId);
  const explicit = node ? getString(node.attrs, 'parallel_join') : undefined;
  if (explicit && graph.nodes.has(explicit)) return explicit;
  if (branchStarts.length === 0) return undefined;
  return (
    convergence(graph, parallelId, branchStarts, true) ??
    convergence(graph, parallelId, branchStarts, false)
  );
}

function convergence(
  graph: Graph,
  parallelId: string,
  branchStarts: readonly string[],
  unconditionalOnly: boolean
): string | undefined {
  const starts = new Set(branchStarts);
  const maps = branchStarts.map((b) => distancesFrom(graph, b, parallelId, unconditionalOnly));
  let best: { id: string; cost: number; fanIn: boolean } | undefined;
  for (const [id, n] of graph.nodes) {
    if (id === parallelId || starts.has(id)) continue;
    let cost = 0;
    let reachable = true;
    for (const m of maps) {
      const d = m.get(id);
      if (d === undefined) {
        reachable = false;
        break;
      }
      cost = Math.max(cost, d);
    }
    if (!reachable) continue;
    const fanIn = nodeHandlerType(n) === HandlerTypes.FanIn;
    if (best === undefined || cost < best.cost || (cost === best.cost && fanIn && !best.fanIn))
      best = { id, cost, fanIn };
  }
  return best?.id;
}
