/**
 * Applies stylesheet rules to a graph (spec §8.3, §8.5): each node takes each property from the most
 * specific matching rule (`*` < shape < `.class` < `#id`, later rule wins a tie), unless the node sets the
 * attribute itself. Returns a new graph; the input is not changed.
 */
import type { AttrValue, Graph, GraphNode } from '../graph/graph.js';
import { makeGraph, withNodeAttrs } from '../graph/graph.js';
import { nodeShape } from '../graph/values.js';
import type { StyleDeclaration, StyleProperty, StyleRule, StyleSelector } from './style-rule.js';

export type SelectorSpecificity = 0 | 1 | 2 | 3;

export function selectorSpecificity(selector: StyleSelector): SelectorSpecificity {
  switch (selector.kind) {
    case 'universal':
      return 0;
    case 'shape':
      return 1;
    case 'class':
      return 2;
    case 'id':
      return 3;
  }
}

/** Origins that count as the node setting the attribute itself; those always beat the stylesheet. */
const OWN_ORIGINS: ReadonlySet<AttrValue['origin']> = new Set(['explicit', 'alias', 'api']);

interface RuleIndex {
  readonly universal: StyleRule[];
  readonly byShape: Map<string, StyleRule[]>;
  readonly byClass: Map<string, StyleRule[]>;
  readonly byId: Map<string, StyleRule[]>;
}

function push(map: Map<string, StyleRule[]>, key: string, rule: StyleRule): void {
  const list = map.get(key);
  if (list) list.push(rule);
  else map.set(key, [rule]);
}

function indexRules(rules: readonly StyleRule[]): RuleIndex {
  const index: RuleIndex = {
    universal: [],
    byShape: new Map(),
    byClass: new Map(),
    byId: new Map()
  };
  for (const rule of rules) {
    const s = rule.selector;
    switch (s.kind) {
      case 'universal':
        index.universal.push(rule);
        break;
      case 'shape':
        push(index.byShape, s.shape, rule);
        break;
      case 'class':
        push(index.byClass, s.className, rule);
        break;
      case 'id':
        push(index.byId, s.nodeId, rule);
        break;
    }
  }
  return index;
}

interface Winner {
  readonly specificity: number;
  readonly order: number;
  readonly declaration: StyleDeclaration;
}

/** The winning declaration for each property among the rules matching `node`. */
export function resolveNodeStyle(
  node: GraphNode,
  rules: readonly StyleRule[]
): Map<StyleProperty, StyleDeclaration> {
  const winners = resolveWithIndex(node, indexRules(rules));
  return new Map([...winners].map(([property, w]) => [property, w.declaration]));
}

function resolveWithIndex(node: GraphNode, index: RuleIndex): Map<StyleProperty, Winner> {
  const winners = new Map<StyleProperty, Winner>();
  const consider = (rules: readonly StyleRule[] | undefined): void => {
    if (rules === undefined) return;
    for (const rule of rules) {
      const specificity = selectorSpecificity(rule.selector);
      for (const declaration of rule.declarations) {
        const current = winners.get(declaration.property);
        // `>=` on order: a later rule, or a later declaration in the same rule, wins a tie.
        if (
          current === undefined ||
          specificity > current.specificity ||
          (specificity === current.specificity && rule.order >= current.order)
        ) {
          winners.set(declaration.property, { specificity, order: rule.order, declaration });
        }
      }
    }
  };
  consider(index.universal);
  consider(index.byShape.get(nodeShape(node)));
  for (const className of node.classes) consider(index.byClass.get(className));
  consider(index.byId.get(node.id));
  return winners;
}

export function applyStylesheet(graph: Graph, rules: readonly StyleRule[]): Graph {
  const index = indexRules(rules);
  const loc = graph.attrs.get('model_stylesheet')?.loc;
  const nodes = new Map<string, GraphNode>();
  for (const [id, node] of graph.nodes) {
    const winners = resolveWithIndex(node, index);
    let attrs: Map<string, AttrValue> | undefined;
    for (const [property, { declaration }] of winners) {
      const existing = node.attrs.get(property);
      if (existing !== undefined && OWN_ORIGINS.has(existing.origin)) continue;
      attrs ??= new Map(node.attrs);
      const value: AttrValue =
        loc === undefined
          ? { value: declaration.value, kind: 'quoted', origin: 'stylesheet' }
          : { value: declaration.value, kind: 'quoted', origin: 'stylesheet', loc };
      attrs.set(property, value);
    }
    nodes.set(id, attrs === undefined ? node : withNodeAttrs(node, attrs));
  }
  return makeGraph({
    name: graph.name,
    file: graph.file,
    attrs: graph.attrs,
    nodes,
    edges: graph.edges,
    subgraphs: graph.subgraphs,
    loc: graph.loc
  });
}
