/**
 * The elements that carry attributes (the graph, its nodes, its edges), each with what a rule needs to
 * report on one of its attributes: how a message names the element, where to point when the attribute
 * has no location of its own, and the `nodeId`/`edge` fields of the diagnostic.
 */
import type { AttributeScope } from '../graph/attribute-schema.js';
import type {
  Attributes,
  AttrValue,
  Graph,
  GraphEdge,
  GraphNode,
  SourceLocation
} from '../graph/graph.js';
import type { Diagnostic } from './diagnostic.js';
import { ownerPhrase } from './once-per-source.js';

export interface AttributeOwner {
  readonly scope: AttributeScope;
  readonly attrs: Attributes;
  /** The element's own location: where to point for an attribute without one. */
  readonly loc: SourceLocation;
  /** `{ nodeId }` for a node, `{ edge }` for an edge, nothing for the graph. */
  readonly target: Pick<Diagnostic, 'nodeId' | 'edge'>;
  /** `the graph`, `node 'x'`, `edge 'a' -> 'b'`, or the defaults/stylesheet `value` was inherited from. */
  describe(value: AttrValue): string;
}

function graphOwner(graph: Graph): AttributeOwner {
  return {
    scope: 'graph',
    attrs: graph.attrs,
    loc: graph.loc,
    target: {},
    describe: () => 'the graph'
  };
}

function nodeOwner(node: GraphNode): AttributeOwner {
  return {
    scope: 'node',
    attrs: node.attrs,
    loc: node.loc,
    target: { nodeId: node.id },
    describe: (value) => ownerPhrase('node', `'${node.id}'`, value)
  };
}

function edgeOwner(edge: GraphEdge): AttributeOwner {
  return {
    scope: 'edge',
    attrs: edge.attrs,
    loc: edge.loc,
    target: { edge: { from: edge.from, to: edge.to } },
    describe: (value) => ownerPhrase('edge', `'${edge.from}' -> '${edge.to}'`, value)
  };
}

/** The graph, every node and every edge, for the scopes listed and in their order. */
export function* attributeOwners(
  graph: Graph,
  scopes: readonly AttributeScope[]
): Generator<AttributeOwner> {
  for (const scope of scopes) {
    switch (scope) {
      case 'graph':
        yield graphOwner(graph);
        break;
      case 'node':
        for (const node of graph.nodes.values()) yield nodeOwner(node);
        break;
      case 'edge':
        for (const edge of graph.edges) yield edgeOwner(edge);
        break;
    }
  }
}
