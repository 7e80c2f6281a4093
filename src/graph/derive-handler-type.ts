/**
 * Handler types that follow from facts other than `shape`/`type`, written onto the node as a `type`
 * attribute with origin `derived` so that validation, the plan, the registry and the engine (which all read
 * `type`, then `shape`) agree:
 *
 * - **Terminals found by ID** (spec §2.8, §3.2): when no node is marked start (shape=Mdiamond or type=start),
 *   the node `start`/`Start` is the start node; likewise `exit`/`Exit`/`end`/`End` for the exit. Such a
 *   node gets the start/exit handler unless its own statement sets a shape or it has a type (a shape
 *   inherited from a `node [...]` default block does not count: `node [shape=box]` is common).
 * - **Tracker's diamond overrides** (tracker-parity.md §2.1, docs/decisions/0005): a `diamond` with a
 *   `tool_command` is a tool node; a `diamond` with a `prompt` is an LLM stage with `auto_status=true`.
 *   The conditional handler would ignore both attributes, so the override only gives them an effect.
 */
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnosticAt } from '../common/diagnostic.js';
import type { Attributes, AttrValue, GraphNode } from './graph.js';
import { withNodeAttrs } from './graph.js';
import { HandlerTypes } from './shapes.js';
import { findTerminalNodes } from './terminals.js';

function hasText(attrs: Attributes, key: string): boolean {
  return (attrs.get(key)?.value.trim() ?? '') !== '';
}

/** The node's own shape (written on its statement, not inherited from defaults). */
function ownShape(node: GraphNode): AttrValue | undefined {
  const shape = node.attrs.get('shape');
  return shape !== undefined && (shape.origin === 'explicit' || shape.origin === 'alias')
    ? shape
    : undefined;
}

function derived(value: string, like?: AttrValue): AttrValue {
  return like?.loc === undefined
    ? { value, kind: 'bare', origin: 'derived' }
    : { value, kind: 'bare', origin: 'derived', loc: like.loc };
}

function withAttrs(node: GraphNode, changes: Readonly<Record<string, AttrValue>>): GraphNode {
  const attrs = new Map(node.attrs);
  for (const [key, value] of Object.entries(changes)) attrs.set(key, value);
  return withNodeAttrs(node, attrs);
}

/** Diamond nodes (collected first: the loop below replaces entries of the map it came from). */
function* diamonds(nodes: ReadonlyMap<string, GraphNode>): Generator<GraphNode> {
  for (const node of nodes.values()) if (node.attrs.get('shape')?.value === 'diamond') yield node;
}

export interface DerivedHandlerTypes {
  readonly nodes: Map<string, GraphNode>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Returns the nodes with derived `type` attributes set. The input map is returned as is when nothing is
 * derived, and updated in place otherwise (the builder owns it; node objects are replaced, not changed).
 */
export function deriveHandlerTypes(nodes: Map<string, GraphNode>): DerivedHandlerTypes {
  const input: ReadonlyMap<string, GraphNode> = nodes;
  const diagnostics: Diagnostic[] = [];
  for (const node of [...diamonds(input)]) {
    if (hasText(node.attrs, 'type') || node.attrs.get('shape')?.value !== 'diamond') continue;
    const shape = node.attrs.get('shape');
    if (hasText(node.attrs, 'tool_command')) {
      nodes.set(node.id, withAttrs(node, { type: derived(HandlerTypes.Tool, shape) }));
      diagnostics.push(dialectNote(node, shape, 'tool_command', 'a tool node', 'parallelogram'));
    } else if (hasText(node.attrs, 'prompt')) {
      const changes: Record<string, AttrValue> = { type: derived(HandlerTypes.Codergen, shape) };
      if (!node.attrs.has('auto_status')) changes.auto_status = derived('true', shape);
      nodes.set(node.id, withAttrs(node, changes));
      diagnostics.push(
        dialectNote(node, shape, 'prompt', 'an LLM stage (codergen, auto_status=true)', 'box')
      );
    }
  }
  const { starts, exits, startByFallback, exitByFallback } = findTerminalNodes(nodes);
  const terminals: [GraphNode | undefined, string][] = [
    [startByFallback ? starts[0] : undefined, HandlerTypes.Start],
    [exitByFallback ? exits[0] : undefined, HandlerTypes.Exit]
  ];
  for (const [node, type] of terminals) {
    if (node === undefined || hasText(node.attrs, 'type') || ownShape(node) !== undefined) continue;
    nodes.set(node.id, withAttrs(node, { type: derived(type) }));
  }
  return { nodes, diagnostics };
}

function dialectNote(
  node: GraphNode,
  shape: AttrValue | undefined,
  key: string,
  becomes: string,
  shapeInstead: string
): Diagnostic {
  return diagnosticAt(shape?.loc ?? node.loc, {
    rule: 'dot_dialect',
    severity: 'info',
    nodeId: node.id,
    message: `Node '${node.id}' is a diamond with ${key}, so it runs as ${becomes}, as in the Go Tracker; a plain diamond is a conditional routing point.`,
    fix: `Write shape=${shapeInstead} (or an explicit type=) to say so, or remove ${key} if '${node.id}' only routes.`
  });
}
