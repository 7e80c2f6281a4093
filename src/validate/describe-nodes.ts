/**
 * Short human-readable lists of nodes for messages: `done1 (f.dot:4:5), done2 (f.dot:5:5)`.
 */
import type { GraphNode } from '../graph/graph.js';
import { formatLocation } from './format-diagnostic.js';

/** At most this many nodes are listed; the rest become "and N more". */
const MAX_LISTED = 10;

export function describeNodes(nodes: readonly GraphNode[]): string {
  const listed = nodes.slice(0, MAX_LISTED).map((n) => `${n.id} (${formatLocation(n.loc)})`);
  if (nodes.length > MAX_LISTED) listed.push(`and ${nodes.length - MAX_LISTED} more`);
  return listed.join(', ');
}

/** `'a', 'b' and 'c'` (at most MAX_LISTED names). */
export function quoteIds(ids: readonly string[]): string {
  const quoted = ids.slice(0, MAX_LISTED).map((id) => `'${id}'`);
  if (ids.length > MAX_LISTED) quoted.push(`${ids.length - MAX_LISTED} more`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
}
