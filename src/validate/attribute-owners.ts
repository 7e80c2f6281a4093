/**
 * The elements that carry attributes (the graph, its subgraphs, its nodes, its edges), each with what a
 * rule needs to report on one of its attributes: how a message names the element, where to point when
 * the attribute has no location of its own, and the `nodeId`/`edge` fields of the diagnostic.
 *
 * Owners are small class instances (methods on the prototype, `target` built on demand): rules walk
 * every node and edge of 10k-node graphs several times, so no closure or object is made per element
 * until a diagnostic needs it.
 */
import type { AttributeScope } from '../graph/attribute-schema.js';
import type {
  Attributes,
  AttrValue,
  Graph,
  GraphEdge,
  GraphNode,
  SubgraphInfo
} from '../graph/graph.js';
import type { SourceLocation } from '../common/source-location.js';
import type { Diagnostic } from '../common/diagnostic.js';
import { ownerPhrase } from './once-per-source.js';

export interface AttributeOwner {
  /** The schema scope the attributes are looked up in (a subgraph's are graph attributes). */
  readonly scope: AttributeScope;
  /** True for a subgraph's own attributes (`subgraph s { goal="x" }`), which have scope `graph`. */
  readonly subgraph: boolean;
  readonly attrs: Attributes;
  /** The element's own location: where to point for an attribute without one. */
  readonly loc: SourceLocation;
  /** `{ nodeId }` for a node, `{ edge }` for an edge, nothing for the graph or a subgraph. */
  readonly target: Pick<Diagnostic, 'nodeId' | 'edge'>;
  /** `the graph`, `subgraph 's'`, `node 'x'`, `edge 'a' -> 'b'`, or the defaults/stylesheet `value` was inherited from. */
  describe(value: AttrValue): string;
}

const NO_TARGET: Pick<Diagnostic, 'nodeId' | 'edge'> = Object.freeze({});

class GraphOwner implements AttributeOwner {
  readonly scope = 'graph';
  readonly subgraph = false;
  readonly target = NO_TARGET;
  readonly attrs: Attributes;
  readonly loc: SourceLocation;
  constructor(graph: Graph) {
    this.attrs = graph.attrs;
    this.loc = graph.loc;
  }
  describe(): string {
    return 'the graph';
  }
}

class SubgraphOwner implements AttributeOwner {
  readonly scope = 'graph';
  readonly subgraph = true;
  readonly target = NO_TARGET;
  readonly attrs: Attributes;
  readonly loc: SourceLocation;
  readonly id: string | undefined;
  constructor(subgraph: SubgraphInfo, attrs: Attributes) {
    this.attrs = attrs;
    this.loc = subgraph.loc;
    this.id = subgraph.id;
  }
  describe(): string {
    return this.id === undefined ? 'an anonymous subgraph' : `subgraph '${this.id}'`;
  }
}

class NodeOwner implements AttributeOwner {
  readonly scope = 'node';
  readonly subgraph = false;
  readonly attrs: Attributes;
  readonly node: GraphNode;
  constructor(node: GraphNode) {
    this.node = node;
    this.attrs = node.attrs;
  }
  get loc(): SourceLocation {
    return this.node.loc;
  }
  get target(): Pick<Diagnostic, 'nodeId' | 'edge'> {
    return { nodeId: this.node.id };
  }
  describe(value: AttrValue): string {
    return ownerPhrase('node', `'${this.node.id}'`, value);
  }
}

class EdgeOwner implements AttributeOwner {
  readonly scope = 'edge';
  readonly subgraph = false;
  readonly attrs: Attributes;
  readonly edge: GraphEdge;
  constructor(edge: GraphEdge) {
    this.edge = edge;
    this.attrs = edge.attrs;
  }
  get loc(): SourceLocation {
    return this.edge.loc;
  }
  get target(): Pick<Diagnostic, 'nodeId' | 'edge'> {
    return { edge: { from: this.edge.from, to: this.edge.to } };
  }
  describe(value: AttrValue): string {
    return ownerPhrase('edge', `'${this.edge.from}' -> '${this.edge.to}'`, value);
  }
}

/** What `attributeOwners` walks: the graph, subgraphs (their own attributes), nodes, edges. */
export type OwnerKind = AttributeScope | 'subgraph';

interface OwnerLists {
  graph?: readonly AttributeOwner[];
  subgraph?: readonly AttributeOwner[];
  node?: readonly AttributeOwner[];
  edge?: readonly AttributeOwner[];
}

/** Owners are made once per graph (graphs are immutable) and shared by every rule that walks them. */
const memo = new WeakMap<Graph, OwnerLists>();

function ownersOf(graph: Graph, kind: OwnerKind): readonly AttributeOwner[] {
  let lists = memo.get(graph);
  if (lists === undefined) memo.set(graph, (lists = {}));
  const cached = lists[kind];
  if (cached !== undefined) return cached;
  let made: AttributeOwner[];
  switch (kind) {
    case 'graph':
      made = [new GraphOwner(graph)];
      break;
    case 'subgraph':
      made = [];
      for (const subgraph of graph.subgraphs) {
        if (subgraph.attrs !== undefined && subgraph.attrs.size > 0)
          made.push(new SubgraphOwner(subgraph, subgraph.attrs));
      }
      break;
    case 'node':
      made = [];
      for (const node of graph.nodes.values()) made.push(new NodeOwner(node));
      break;
    case 'edge':
      made = [];
      for (const edge of graph.edges) made.push(new EdgeOwner(edge));
      break;
  }
  lists[kind] = made;
  return made;
}

const combined = new WeakMap<Graph, Map<string, readonly AttributeOwner[]>>();

/**
 * The graph, every subgraph with attributes of its own, every node and every edge, for the kinds listed
 * and in their order (one shared array per graph and list of kinds). A subgraph owner has scope `graph`.
 */
export function attributeOwners(
  graph: Graph,
  kinds: readonly OwnerKind[]
): readonly AttributeOwner[] {
  let byKinds = combined.get(graph);
  if (byKinds === undefined)
    combined.set(graph, (byKinds = new Map<string, readonly AttributeOwner[]>()));
  const key = kinds.join(',');
  let owners = byKinds.get(key);
  if (owners === undefined) {
    if (kinds.length === 1) owners = ownersOf(graph, kinds[0] ?? 'graph');
    else {
      const all: AttributeOwner[] = [];
      for (const kind of kinds) for (const owner of ownersOf(graph, kind)) all.push(owner);
      owners = all;
    }
    byKinds.set(key, owners);
  }
  return owners;
}
