/**
 * Graph → DOT text that rebuilds an equivalent graph: the graph attributes, every node with all of its
 * attributes (defaults and stylesheet values written out), the edges in order with their attributes, and
 * the named or labelled subgraphs (membership only, so subgraph labels and derived classes survive).
 * The flat part is `printDot`'s, so quoting and escaping follow the DOT printer exactly.
 */
import { printDot, quoteDotId } from '../dot/print-dot.js';
import type { Graph } from './graph.js';

const INDENT = '  ';

export function printGraph(graph: Graph): string {
  const flat = printDot(graph);
  if (graph.subgraphs.length === 0) return flat;
  const closing = flat.lastIndexOf('}');
  let blocks = '';
  for (const sub of graph.subgraphs) {
    blocks += `${INDENT}subgraph ${sub.id === undefined ? '' : `${quoteDotId(sub.id)} `}{\n`;
    if (sub.label !== undefined) blocks += `${INDENT}${INDENT}label=${quoteDotId(sub.label)}\n`;
    for (const id of sub.nodeIds) blocks += `${INDENT}${INDENT}${quoteDotId(id)}\n`;
    blocks += `${INDENT}}\n`;
  }
  return `${flat.slice(0, closing)}${blocks}${flat.slice(closing)}`;
}
