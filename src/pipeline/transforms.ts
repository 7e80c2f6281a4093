/**
 * Graph transforms (spec §9): pure functions Graph → Graph applied after parsing and before validation.
 */
import type { Graph, AttrValue } from '../graph/graph.js';
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
    let changed = false;
    const nodes = new Map(
      [...graph.nodes].map(([id, node]) => {
        const prompt = node.attrs.get('prompt');
        if (!prompt || !prompt.value.includes('$goal')) return [id, node];
        changed = true;
        const attrs = new Map(node.attrs);
        const expanded: AttrValue = { ...prompt, value: prompt.value.split('$goal').join(goal) };
        attrs.set('prompt', expanded);
        return [id, withNodeAttrs(node, attrs)];
      })
    );
    if (!changed) return graph;
    return makeGraph({ ...graph, nodes });
  }
};

export const BUILTIN_TRANSFORMS: readonly Transform[] = [
  stylesheetTransform,
  goalExpansionTransform
];
