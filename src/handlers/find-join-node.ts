/**
 * Where the branches of a parallel node converge: the `parallel.fan_in` node reachable from every branch
 * with the shortest longest-distance (ties: declaration order). An explicit `parallel_join` wins.
 */
import type { Graph } from '../graph/graph.js';
import { outgoingEdges } from '../graph/graph.js';
import { HandlerTypes } from '../graph/shapes.js';
import { getString, nodeHandlerType } from '../graph/values.js';

function distancesFrom(graph: Graph, start: string, blocked: string): Map<string, number> {
  const dist = new Map<string, number>([[start, 0]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const d = dist.get(id) ?? 0;
    for (const e of outgoingEdges(graph, id)) {
      if (e.to === blocked || dist.has(e.to)) continue;
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
  const maps = branchStarts.map((b) => distancesFrom(graph, b, parallelId));
  let best: { id: string; cost: number } | undefined;
  for (const [id, n] of graph.nodes) {
    if (nodeHandlerType(n) !== HandlerTypes.FanIn) continue;
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
    if (reachable && (best === undefined || cost < best.cost)) best = { id, cost };
  }
  return best?.id;
}
