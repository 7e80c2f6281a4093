/**
 * Edge selection (spec §3.3): condition match → preferred label → suggested next ids → weight → lexical.
 */
import type { Graph, GraphEdge } from '../graph/graph.js';
import { outgoingEdges } from '../graph/graph.js';
import { getInteger } from '../graph/values.js';
import type { ContextView } from '../ports/context.js';
import type { EdgeReason } from '../ports/events.js';
import type { Outcome } from '../ports/outcome.js';
import { conditionHolds } from './condition-holds.js';
import { normaliseChoiceLabel } from '../common/accelerator-key.js';

export interface EdgeChoice {
  readonly edge: GraphEdge;
  readonly reason: EdgeReason;
}

function conditionOf(edge: GraphEdge): string {
  return edge.attrs.get('condition')?.value.trim() ?? '';
}

function weightOf(edge: GraphEdge): number {
  return getInteger(edge.attrs, 'weight') ?? 0;
}

function bestByWeightThenLexical(edges: readonly GraphEdge[]): EdgeChoice {
  let best = edges[0] as GraphEdge;
  for (const e of edges) {
    const dw = weightOf(e) - weightOf(best);
    if (dw > 0 || (dw === 0 && e.to < best.to)) best = e;
  }
  const tied = edges.some((e) => e !== best && weightOf(e) === weightOf(best));
  return { edge: best, reason: tied ? 'lexical' : 'weight' };
}

/**
 * Picks the next edge. With `onlyConditional` (used after a failure) unconditional edges are not
 * eligible: a failed node never falls through an unconditional edge.
 */
export function selectEdge(
  graph: Graph,
  nodeId: string,
  outcome: Outcome,
  context: ContextView,
  options: { readonly onlyConditional?: boolean } = {}
): EdgeChoice | undefined {
  const edges = outgoingEdges(graph, nodeId);
  if (edges.length === 0) return undefined;

  const matched = edges.filter((e) => {
    const condition = conditionOf(e);
    return condition !== '' && conditionHolds(condition, outcome, context);
  });
  if (matched.length > 0)
    return { edge: bestByWeightThenLexical(matched).edge, reason: 'condition' };
  if (options.onlyConditional) return undefined;

  const unconditional = edges.filter((e) => conditionOf(e) === '');
  if (outcome.preferredLabel) {
    // The same normalisation a human gate and the interviewers match choices with.
    const wanted = normaliseChoiceLabel(outcome.preferredLabel);
    const hit = unconditional.find(
      (e) => normaliseChoiceLabel(e.attrs.get('label')?.value ?? '') === wanted
    );
    if (hit) return { edge: hit, reason: 'preferred_label' };
  }
  for (const id of outcome.suggestedNextIds ?? []) {
    const hit = unconditional.find((e) => e.to === id);
    if (hit) return { edge: hit, reason: 'suggested_next' };
  }
  return unconditional.length > 0 ? bestByWeightThenLexical(unconditional) : undefined;
}
