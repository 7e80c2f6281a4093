/**
 * DOT AST → pipeline Graph, with Graphviz semantics:
 * - `node [..]` / `edge [..]` defaults apply to statements after them in the same scope and in nested
 *   subgraphs; a subgraph starts from a copy of the enclosing defaults and its changes do not leak out.
 * - A node gets the node defaults in effect where it first appears (declaration or edge), merged with its
 *   explicit attributes; re-declaring a node merges its attributes (later explicit values win).
 * - Chains `a -> b -> c [x]` become a->b and b->c, both with `x`; a subgraph operand stands for every
 *   node in it (`{a b} -> {c d}` is the cross product).
 * - `label` inside a subgraph labels the subgraph, and derives a class for its nodes (spec §2.10).
 * - Aliases (`default_max_retry`, `max_concurrency`, …) are stored under their canonical key.
 */
import type {
  Attr,
  AttrStmt,
  DotGraph,
  EdgeStmt,
  NodeRef,
  NodeStmt,
  Position,
  Statement,
  Subgraph
} from '../dot/ast.js';
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnosticAt } from '../common/diagnostic.js';
import type { AttributeScope } from './attribute-schema.js';
import { canonicalAttributeKey } from './attribute-schema.js';
import { deriveHandlerTypes } from './derive-handler-type.js';
import { deriveClass, splitClasses } from './derive-class.js';
import type { AttrValue, Graph, GraphEdge, GraphNode, SubgraphInfo } from './graph.js';
import type { SourceLocation } from '../common/source-location.js';
import { makeGraph } from './graph.js';

export interface BuildGraphResult {
  readonly graph: Graph;
  /** Build-time findings: `dot_dialect`, `duplicate_node`, `attribute_alias_conflict`. */
  readonly diagnostics: Diagnostic[];
}

interface SubgraphState {
  readonly id: string | undefined;
  readonly loc: SourceLocation;
  readonly attrs: Map<string, AttrValue>;
  readonly nodeIds: string[];
  readonly nodeSet: Set<string>;
}

interface Scope {
  nodeDefaults: ReadonlyMap<string, AttrValue>;
  edgeDefaults: ReadonlyMap<string, AttrValue>;
  /** Enclosing subgraphs, outermost first. */
  readonly chain: readonly SubgraphState[];
}

/** Who sets an attribute, for messages: a node ID, or a phrase such as "The graph". */
type Owner = { readonly nodeId: string } | { readonly text: string };

function ownerText(owner: Owner): string {
  return 'nodeId' in owner ? `Node '${owner.nodeId}'` : owner.text;
}

/** One side of an edge operator: a node ID, or the nodes of a subgraph. */
interface EdgeOperand {
  readonly ids: string | readonly string[];
  readonly loc: SourceLocation;
  readonly subgraph: SubgraphState | undefined;
}

interface DeclaredValue {
  readonly value: string;
  readonly loc: SourceLocation;
}

/** Mutable while building; allocated lazily because large graphs have many nodes. */
interface NodeState {
  readonly id: string;
  /** Node defaults in effect where the node first appeared. */
  readonly defaults: ReadonlyMap<string, AttrValue>;
  /** The node's attributes once a declaration sets any: a copy of `defaults` with explicit values merged in. */
  explicit: Map<string, AttrValue> | undefined;
  readonly firstMention: SourceLocation;
  readonly declarations: SourceLocation[];
  memberOf: SubgraphState[] | undefined;
  /** shape/type as set by node statements, to spot conflicting re-declarations. */
  declaredShape: DeclaredValue | undefined;
  declaredType: DeclaredValue | undefined;
}

const EMPTY_ATTRS: ReadonlyMap<string, AttrValue> = new Map();
const EDGE_STATEMENT: Owner = Object.freeze({ text: 'The edge statement' });
const NO_SUBGRAPHS: readonly SubgraphState[] = [];
/** Never pushed to: `#finishNode` only replaces it. */
const NO_IDS: string[] = Object.freeze([]) as unknown as string[];

export function buildGraph(ast: DotGraph): BuildGraphResult {
  return new GraphBuilder(ast).build();
}

class GraphBuilder {
  readonly #ast: DotGraph;
  readonly #file: string;
  readonly #diagnostics: Diagnostic[] = [];
  readonly #nodes = new Map<string, NodeState>();
  readonly #edges: GraphEdge[] = [];
  readonly #graphAttrs = new Map<string, AttrValue>();
  readonly #subgraphs: SubgraphState[] = [];
  readonly #namedSubgraphs = new Map<string, SubgraphState>();

  constructor(ast: DotGraph) {
    this.#ast = ast;
    this.#file = ast.file;
  }

  build(): BuildGraphResult {
    const ast = this.#ast;
    const graphLoc = this.#loc(ast.span.start);
    if (!ast.directed) {
      this.#diagnostics.push(
        diagnosticAt(graphLoc, {
          rule: 'dot_dialect',
          severity: 'error',
          message: `The pipeline is an undirected 'graph'${ast.id ? ` ('${ast.id.value}')` : ''}; tracker runs directed graphs only.`,
          fix: "Write 'digraph' instead of 'graph', and '->' instead of '--' in every edge."
        })
      );
    }
    if (ast.strict) {
      this.#diagnostics.push(
        diagnosticAt(graphLoc, {
          rule: 'dot_dialect',
          severity: 'warning',
          message: "'strict' has no effect in tracker: repeated edges are kept as written.",
          fix: "Remove the 'strict' keyword."
        })
      );
    }
    this.#statements(ast.body, { nodeDefaults: EMPTY_ATTRS, edgeDefaults: EMPTY_ATTRS, chain: [] });

    const finished = new Map<string, GraphNode>();
    for (const state of this.#nodes.values()) finished.set(state.id, this.#finishNode(state));
    const { nodes, diagnostics: derivedNotes } = deriveHandlerTypes(finished);
    for (const d of derivedNotes) this.#diagnostics.push(d);
    const subgraphs: SubgraphInfo[] = [];
    for (const state of this.#subgraphs) {
      const label = state.attrs.get('label')?.value;
      if (state.id === undefined && state.attrs.size === 0) continue;
      const derivedClass = label === undefined ? undefined : deriveClass(label);
      subgraphs.push({
        ...(state.id === undefined ? {} : { id: state.id }),
        ...(label === undefined ? {} : { label }),
        ...(derivedClass === undefined ? {} : { derivedClass }),
        nodeIds: state.nodeIds,
        loc: state.loc,
        ...(state.attrs.size === 0 ? {} : { attrs: state.attrs })
      });
    }
    const graph = makeGraph({
      name: ast.id?.value ?? '',
      file: this.#file,
      attrs: this.#graphAttrs,
      nodes,
      edges: this.#edges,
      subgraphs,
      loc: graphLoc
    });
    return { graph, diagnostics: this.#diagnostics };
  }

  // ── Statements ─────────────────────────────────────────────────────────────────────────────────

  #statements(body: readonly Statement[], scope: Scope): void {
    for (const statement of body) {
      switch (statement.type) {
        case 'node':
          this.#nodeStatement(statement, scope);
          break;
        case 'edge':
          this.#edgeStatement(statement, scope);
          break;
        case 'attr_stmt':
          this.#attrStatement(statement, scope);
          break;
        case 'assign':
          this.#setGraphAttrs(scope, [statement.attr]);
          break;
        case 'subgraph':
          this.#subgraph(statement, scope);
          break;
        default: {
          const unexpected: never = statement;
          throw new Error(`buildGraph: unexpected statement ${JSON.stringify(unexpected)}`);
        }
      }
    }
  }

  #attrStatement(statement: AttrStmt, scope: Scope): void {
    switch (statement.target) {
      case 'graph':
        this.#setGraphAttrs(scope, statement.attrs);
        break;
      case 'node': {
        const layer = this.#layer(statement.attrs, 'node', 'default', {
          text: 'A node [...] default block'
        });
        scope.nodeDefaults = mergeAttrs(scope.nodeDefaults, layer);
        break;
      }
      case 'edge': {
        const layer = this.#layer(statement.attrs, 'edge', 'default', {
          text: 'An edge [...] default block'
        });
        scope.edgeDefaults = mergeAttrs(scope.edgeDefaults, layer);
        break;
      }
      default: {
        const unexpected: never = statement.target;
        throw new Error(`buildGraph: unexpected attribute statement target ${String(unexpected)}`);
      }
    }
  }

  /** `graph [..]` or `k=v`: the root graph's attributes, or the innermost subgraph's. */
  #setGraphAttrs(scope: Scope, attrs: readonly Attr[]): void {
    const inner = scope.chain.at(-1);
    const target = inner ? inner.attrs : this.#graphAttrs;
    const owner: Owner = {
      text: inner
        ? inner.id === undefined
          ? 'An anonymous subgraph'
          : `Subgraph '${inner.id}'`
        : 'The graph'
    };
    for (const attr of attrs) this.#setAttr(target, attr, 'graph', 'explicit', owner);
  }

  #subgraph(subgraph: Subgraph, scope: Scope): SubgraphState {
    const id = subgraph.id?.value;
    let state = id === undefined ? undefined : this.#namedSubgraphs.get(id);
    if (!state) {
      state = {
        id,
        loc: this.#loc(subgraph.span.start),
        attrs: new Map(),
        nodeIds: [],
        nodeSet: new Set()
      };
      this.#subgraphs.push(state);
      if (id !== undefined) this.#namedSubgraphs.set(id, state);
    }
    // Re-opening a named subgraph here makes its earlier nodes members of the subgraphs enclosing it here.
    if (scope.chain.length > 0) {
      for (const nodeId of state.nodeIds) {
        const node = this.#nodes.get(nodeId);
        if (node) this.#addMembership(node, scope.chain);
      }
    }
    this.#statements(subgraph.body, {
      nodeDefaults: scope.nodeDefaults,
      edgeDefaults: scope.edgeDefaults,
      chain: [...scope.chain, state]
    });
    return state;
  }

  #nodeStatement(statement: NodeStmt, scope: Scope): void {
    const id = statement.ref.id.value;
    const loc = this.#loc(statement.ref.id.span.start);
    const isNew = !this.#nodes.has(id);
    const node = this.#mention(statement.ref, scope, loc);
    node.declarations.push(loc);
    if (statement.attrs.length > 0) {
      const owner: Owner = { nodeId: id };
      const explicit = (node.explicit ??= new Map(node.defaults));
      let shape: AttrValue | undefined;
      let type: AttrValue | undefined;
      for (const attr of statement.attrs) {
        const value = this.#setAttr(explicit, attr, 'node', 'explicit', owner);
        if (value.writtenKey !== undefined) continue;
        if (attr.key.value === 'shape') shape = value;
        else if (attr.key.value === 'type') type = value;
      }
      node.declaredShape = this.#checkRedeclaration(
        node,
        'shape',
        shape,
        node.declaredShape,
        isNew,
        loc
      );
      node.declaredType = this.#checkRedeclaration(
        node,
        'type',
        type,
        node.declaredType,
        isNew,
        loc
      );
    } else if (isNew) {
      node.declaredShape = this.#inherited(node, 'shape', loc);
      node.declaredType = this.#inherited(node, 'type', loc);
    }
  }

  /** `duplicate_node` when a declaration sets `key` to a value other than an earlier declaration's. */
  #checkRedeclaration(
    node: NodeState,
    key: 'shape' | 'type',
    written: AttrValue | undefined,
    before: DeclaredValue | undefined,
    isNew: boolean,
    loc: SourceLocation
  ): DeclaredValue | undefined {
    if (written === undefined) {
      return before ?? (isNew ? this.#inherited(node, key, loc) : undefined);
    }
    const writtenLoc = written.loc ?? loc;
    if (before !== undefined && before.value !== written.value) {
      const id = node.id;
      this.#diagnostics.push(
        diagnosticAt(writtenLoc, {
          rule: 'duplicate_node',
          severity: 'warning',
          nodeId: id,
          message: `Node '${id}' is declared again with ${key}='${written.value}', but an earlier declaration gave it ${key}='${before.value}' (${formatLoc(before.loc)}); the later value wins.`,
          fix: `Declare '${id}' once, or give the second node its own ID.`,
          related: [
            {
              message: `'${id}' first declared with ${key}='${before.value}' here`,
              loc: before.loc
            }
          ]
        })
      );
    }
    return { value: written.value, loc: writtenLoc };
  }

  /** The shape/type a brand-new node takes from the defaults, as its first declared value. */
  #inherited(
    node: NodeState,
    key: 'shape' | 'type',
    loc: SourceLocation
  ): DeclaredValue | undefined {
    const inherited = node.defaults.get(key);
    return inherited === undefined ? undefined : { value: inherited.value, loc };
  }

  #edgeStatement(statement: EdgeStmt, scope: Scope): void {
    const groups: EdgeOperand[] = [];
    for (const operand of statement.operands) {
      if (operand.type === 'node_ref') {
        const loc = this.#loc(operand.span.start);
        this.#mention(operand, scope, loc);
        groups.push({ ids: operand.id.value, loc, subgraph: undefined });
      } else {
        const sub = this.#subgraph(operand, scope);
        groups.push({ ids: [...sub.nodeIds], loc: this.#loc(operand.span.start), subgraph: sub });
      }
    }
    const layer =
      statement.attrs.length === 0
        ? EMPTY_ATTRS
        : this.#layer(statement.attrs, 'edge', 'explicit', EDGE_STATEMENT);
    const attrs = mergeAttrs(scope.edgeDefaults, layer);
    let reportedUndirected = false;
    for (let i = 0; i < statement.ops.length; i++) {
      const left = groups[i];
      const right = groups[i + 1];
      if (!left || !right) continue;
      if (statement.ops[i] === '--' && this.#ast.directed && !reportedUndirected) {
        reportedUndirected = true;
        this.#reportUndirectedEdge(left, right);
      }
      if (typeof left.ids === 'string' && typeof right.ids === 'string') {
        this.#edges.push({
          index: this.#edges.length,
          from: left.ids,
          to: right.ids,
          attrs,
          loc: left.loc
        });
        continue;
      }
      for (const from of typeof left.ids === 'string' ? [left.ids] : left.ids) {
        for (const to of typeof right.ids === 'string' ? [right.ids] : right.ids) {
          this.#edges.push({ index: this.#edges.length, from, to, attrs, loc: left.loc });
        }
      }
    }
  }

  #reportUndirectedEdge(left: EdgeOperand, right: EdgeOperand): void {
    const describe = (operand: EdgeOperand): string =>
      typeof operand.ids === 'string'
        ? `'${operand.ids}'`
        : operand.subgraph?.id === undefined
          ? 'a subgraph'
          : `subgraph '${operand.subgraph.id}'`;
    this.#diagnostics.push(
      diagnosticAt(left.loc, {
        rule: 'dot_dialect',
        severity: 'error',
        message: `The edge ${describe(left)} -- ${describe(right)} uses the undirected operator '--'; pipeline edges are directed.`,
        fix: `Write ${describe(left)} -> ${describe(right)}.`,
        ...(typeof left.ids === 'string' && typeof right.ids === 'string'
          ? { edge: { from: left.ids, to: right.ids } }
          : {})
      })
    );
  }

  // ── Nodes ──────────────────────────────────────────────────────────────────────────────────────

  /** Finds or creates the node (with the defaults in effect here) and records subgraph membership. */
  #mention(ref: NodeRef, scope: Scope, loc: SourceLocation): NodeState {
    const id = ref.id.value;
    let node = this.#nodes.get(id);
    if (!node) {
      node = {
        id,
        defaults: scope.nodeDefaults,
        explicit: undefined,
        firstMention: loc,
        declarations: [],
        memberOf: undefined,
        declaredShape: undefined,
        declaredType: undefined
      };
      this.#nodes.set(id, node);
    }
    if (scope.chain.length > 0) this.#addMembership(node, scope.chain);
    return node;
  }

  #addMembership(node: NodeState, chain: readonly SubgraphState[]): void {
    for (const sub of chain) {
      if (sub.nodeSet.has(node.id)) continue;
      sub.nodeSet.add(node.id);
      sub.nodeIds.push(node.id);
      (node.memberOf ??= []).push(sub);
    }
  }

  #finishNode(state: NodeState): GraphNode {
    const attrs = state.explicit ?? state.defaults;
    const classAttr = attrs.get('class')?.value;
    const memberOf = state.memberOf ?? NO_SUBGRAPHS;
    let classes: string[] = classAttr === undefined ? NO_IDS : splitClasses(classAttr);
    // Shared empty arrays for the common case (no class, no subgraph): fewer allocations on big graphs.
    const subgraphs: string[] = memberOf.length === 0 ? NO_IDS : [];
    for (const sub of memberOf) {
      if (sub.id !== undefined) subgraphs.push(sub.id);
      const label = sub.attrs.get('label')?.value;
      const derived = label === undefined ? undefined : deriveClass(label);
      if (derived !== undefined && !classes.includes(derived)) classes = [...classes, derived];
    }
    return {
      id: state.id,
      attrs,
      loc: state.declarations[0] ?? state.firstMention,
      declarations: state.declarations,
      implicit: state.declarations.length === 0,
      classes,
      subgraphs
    };
  }

  // ── Attributes ─────────────────────────────────────────────────────────────────────────────────

  /** One attribute list as canonical key → value, reporting alias conflicts inside the list. */
  #layer(
    attrs: readonly Attr[],
    scope: AttributeScope,
    origin: 'explicit' | 'default',
    owner: Owner
  ): Map<string, AttrValue> {
    const layer = new Map<string, AttrValue>();
    for (const attr of attrs) this.#setAttr(layer, attr, scope, origin, owner);
    return layer;
  }

  #setAttr(
    target: Map<string, AttrValue>,
    attr: Attr,
    scope: AttributeScope,
    origin: 'explicit' | 'default',
    owner: Owner
  ): AttrValue {
    const written = attr.key.value;
    const key = canonicalAttributeKey(scope, written);
    const loc = this.#loc(attr.key.span.start);
    const value: AttrValue =
      key === written
        ? { value: attr.value.value, kind: attr.value.kind, origin, loc }
        : {
            value: attr.value.value,
            kind: attr.value.kind,
            origin: origin === 'explicit' ? 'alias' : origin,
            loc,
            writtenKey: written
          };
    this.#setValue(target, key, value, owner);
    return value;
  }

  /**
   * Sets `key`. When one value was written under an alias and the other under the canonical key, the canonical
   * one wins, and `attribute_alias_conflict` is reported if their values differ.
   */
  #setValue(target: Map<string, AttrValue>, key: string, value: AttrValue, owner: Owner): void {
    const existing = target.get(key);
    if (
      existing !== undefined &&
      // An explicit value overriding a node default is not a conflict; two values in one list are.
      !(existing.origin === 'default' && value.origin !== 'default') &&
      (existing.writtenKey === undefined) !== (value.writtenKey === undefined)
    ) {
      const canonical = existing.writtenKey === undefined ? existing : value;
      const alias = existing.writtenKey === undefined ? value : existing;
      const aliasKey = alias.writtenKey ?? key;
      target.set(key, canonical);
      if (alias.value === canonical.value) return;
      this.#diagnostics.push(
        diagnosticAt(alias.loc, {
          rule: 'attribute_alias_conflict',
          severity: 'warning',
          ...('nodeId' in owner ? { nodeId: owner.nodeId } : {}),
          message: `${ownerText(owner)} sets both '${key}' ("${canonical.value}") and its alias '${aliasKey}' ("${alias.value}"); '${key}' wins and '${aliasKey}' is ignored.`,
          fix: `Remove '${aliasKey}' and keep only '${key}'.`,
          ...(canonical.loc
            ? { related: [{ message: `'${key}' set here`, loc: canonical.loc }] }
            : {})
        })
      );
      return;
    }
    target.set(key, value);
  }

  #loc(position: Position): SourceLocation {
    return { file: this.#file, line: position.line, column: position.column };
  }
}

function mergeAttrs(
  base: ReadonlyMap<string, AttrValue>,
  layer: ReadonlyMap<string, AttrValue>
): ReadonlyMap<string, AttrValue> {
  if (layer.size === 0) return base;
  if (base.size === 0) return layer;
  const merged = new Map(base);
  for (const [key, value] of layer) merged.set(key, value);
  return merged;
}

function formatLoc(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}
