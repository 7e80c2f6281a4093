/**
 * Where a walk goes after a node (spec §3.3, failure routing §3.7): `continue_at`, then edge selection —
 * after a failure only matching conditions, then an unconditioned edge into a conditional (diamond)
 * node, then the node's retry_target / fallback_retry_target. Every choice is announced as
 * `edge.selected`.
 */
import type { GraphEdge, GraphNode } from '../graph/graph.js';
import { outgoingEdges } from '../graph/graph.js';
import { HandlerTypes } from '../graph/shapes.js';
import { getBoolean, getString, nodeHandlerType } from '../graph/values.js';
import type { EdgeReason } from '../ports/events.js';
import type { Outcome } from '../ports/outcome.js';
import { explainCondition } from './condition-holds.js';
import { isGoalGate } from './goal-gates.js';
import type { RunSession } from './run-session.js';
import { selectEdge } from './select-edge.js';
import type { Walker } from './walker.js';

export interface Route {
  readonly to: string;
  /** The edge has loop_restart=true: the run starts over at `to` (main walk only). */
  readonly restart: boolean;
  /** The edge taken, when the route follows one (the next handler's `incomingEdge`). */
  readonly edge?: GraphEdge;
}

export function emitEdge(
  session: RunSession,
  from: string,
  to: string,
  reason: EdgeReason,
  w: Walker,
  label?: string,
  condition?: string
): void {
  session.emit({
    type: 'edge.selected',
    nodeId: from,
    to,
    reason,
    ...(w.branch ? { branch: w.branch } : {}),
    ...(label ? { label } : {}),
    ...(condition ? { condition } : {})
  });
}

/** Chooses where to go after `node` finished with `outcome`; undefined when no route leaves it. */
export function route(
  session: RunSession,
  node: GraphNode,
  outcome: Outcome,
  w: Walker
): Route | undefined {
  const graph = session.graph;
  const failed = outcome.status === 'fail';
  if (outcome.continueAt !== undefined && !failed) {
    emitEdge(session, node.id, outcome.continueAt, 'continue_at', w);
    return { to: outcome.continueAt, restart: false };
  }
  const choice = selectEdge(graph, node.id, outcome, w.context, { onlyConditional: failed });
  if (choice) {
    const e = choice.edge;
    emitEdge(
      session,
      node.id,
      e.to,
      choice.reason,
      w,
      e.attrs.get('label')?.value,
      e.attrs.get('condition')?.value
    );
    return { to: e.to, restart: getBoolean(e.attrs, 'loop_restart') === true, edge: e };
  }
  if (!failed) return undefined;
  // A failure may flow into a conditional (diamond) node: it exists to route on the outcome.
  const router = outgoingEdges(graph, node.id).find((e) => {
    const target = graph.nodes.get(e.to);
    return (
      (e.attrs.get('condition')?.value.trim() ?? '') === '' &&
      target !== undefined &&
      nodeHandlerType(target) === HandlerTypes.Conditional
    );
  });
  if (router) {
    emitEdge(session, node.id, router.to, 'condition', w, router.attrs.get('label')?.value);
    return { to: router.to, restart: false, edge: router };
  }
  for (const attr of ['retry_target', 'fallback_retry_target'] as const) {
    const target = getString(node.attrs, attr);
    if (target && graph.nodes.has(target)) {
      emitEdge(session, node.id, target, attr, w);
      return { to: target, restart: false };
    }
  }
  return undefined;
}

/** The reason a walk fails with when a failed stage has no route out. */
export function unroutedFailure(node: GraphNode, outcome: Outcome): string {
  const reason = outcome.failureReason ?? 'failed';
  // A failed stage only follows matching conditions (docs/decisions/0002), so a failing goal gate stops the
  // run here instead of at the exit's goal-gate check: say so, or the gate is never mentioned.
  const gate = isGoalGate(node)
    ? `; it is a goal gate (goal_gate=true), so the pipeline cannot succeed without it`
    : '';
  return `Stage '${node.id}' failed: ${reason}${gate}`;
}

/**
 * The reason a walk fails with when a stage that did not fail has no edge to follow: every condition
 * that was tried and why it did not match (docs/decisions/0009-unmatched-edges-fail.md).
 */
export function unmatchedEdges(
  session: RunSession,
  node: GraphNode,
  outcome: Outcome,
  w: Walker
): string {
  const edges = outgoingEdges(session.graph, node.id);
  if (edges.length === 0)
    return `Stage '${node.id}' ended with outcome ${outcome.status} and has no outgoing edge, so the run cannot reach an exit`;
  const tried = edges.map((e) => {
    const condition = e.attrs.get('condition')?.value.trim() ?? '';
    return `-> ${e.to} [${condition}] did not match (${explainCondition(condition, outcome, w.context)})`;
  });
  return (
    `Stage '${node.id}' ended with outcome ${outcome.status}, but none of its ${edges.length} edge${edges.length === 1 ? '' : 's'} matched, so the run cannot reach an exit: ` +
    tried.join('; ') +
    `. Add an edge without a condition as the default route, or a condition for this case`
  );
}
