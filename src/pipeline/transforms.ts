/**
 * Graph transforms (spec §9): pure functions Graph → Graph applied after parsing and before validation.
 */
import type { AttrValue, Graph, GraphNode } from '../graph/graph.js';
import { makeGraph, withNodeAttrs } from '../graph/graph.js';
import { parseStylesheet } from '../stylesheet/parse-stylesheet.js';
import { applyStylesheet } from '../stylesheet/apply-stylesheet.js';

export interface Transform {
  readonly name: string;
  apply(graph: Graph): Graph;
}

/** Applies `model_stylesheet` (spec §8). A stylesheet that does not parse is left for validation to report. */
export const stylesheetTransform: Transform = {
  name: 'stylesheet',
  apply(graph) {
    const text = graph.attrs.get('model_stylesheet')?.value;
    if (text === undefined || text.trim() === '') return graph;
    const parsed = parseStylesheet(text);
    return parsed.ok ? applyStylesheet(graph, parsed.rules) : graph;
  }
};

/**
 * Expands `$goal` in node prompts to the graph's `goal` (spec §9.2). Simple replacement, single pass:
 * the goal text is never re-scanned.
 */
export const goalExpansionTransform: Transform = {
  name: 'goal-expansion',
  apply(graph) {
    const goal = graph.attrs.get('goal')?.value ?? '';
    // Copy the node map only when some prompt uses $goal (most large graphs have none).
    let nodes: Map<string, GraphNode> | undefined;
    for (const [id, node] of graph.nodes) {
      const prompt = node.attrs.get('prompt');
      if (!prompt || !prompt.value.includes('$goal')) continue;
      nodes ??= new Map(graph.nodes);
      const attrs = new Map(node.attrs);
      const expanded: AttrValue = { ...prompt, value: prompt.value.split('$goal').join(goal) };
      attrs.set('prompt', expanded);
      nodes.set(id, withNodeAttrs(node, attrs));
    }
    if (nodes === undefined) return graph;
    return makeGraph({ ...graph, nodes });
  }
};

export const BUILTIN_TRANSFORMS: readonly Transform[] = [
  stylesheetTransform,
  goalExpansionTransform
];
