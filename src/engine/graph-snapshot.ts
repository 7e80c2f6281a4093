/** The graph as `pipeline.started` carries it, so a renderer (dashboard, job summary) needs nothing else. */
import type { Graph } from '../graph/graph.js';
import { getInteger, getString, nodeHandlerType, nodeLabel, nodeShape } from '../graph/values.js';
import type { GraphSnapshot } from '../ports/events.js';
import type { HandlerRegistry } from './registry.js';

export function graphSnapshot(graph: Graph, registry?: HandlerRegistry): GraphSnapshot {
  const nodes = [...graph.nodes.values()].map((node) => ({
    id: node.id,
    label: nodeLabel(node),
    handlerType: registry?.resolveType(node) ?? nodeHandlerType(node),
    shape: nodeShape(node)
  }));
  const edges = graph.edges.map((edge) => {
    const label = getString(edge.attrs, 'label');
    const condition = getString(edge.attrs, 'condition');
    const weight = getInteger(edge.attrs, 'weight');
    return {
      from: edge.from,
      to: edge.to,
      ...(label ? { label } : {}),
      ...(condition ? { condition } : {}),
      ...(weight === undefined ? {} : { weight })
    };
  });
  return { nodes, edges };
}
