/**
 * Applies stylesheet rules to a graph (spec §8.3, §8.5): each node takes each property from the most
 * specific matching rule (`*` < shape < `.class` < `#id`, later rule wins a tie), unless the node sets the
 * attribute itself. Returns a new graph; the input is not changed.
 */
import type { Graph, GraphNode } from '../graph/graph.js';
import type { StyleDeclaration, StyleProperty, StyleRule, StyleSelector } from './style-rule.js';
export type SelectorSpecificity = 0 | 1 | 2 | 3;
export declare function selectorSpecificity(selector: StyleSelector): SelectorSpecificity;
/** The winning declaration for each property among the rules matching `node`. */
export declare function resolveNodeStyle(node: GraphNode, rules: readonly StyleRule[]): Map<StyleProperty, StyleDeclaration>;
export declare function applyStylesheet(graph: Graph, rules: readonly StyleRule[]): Graph;
