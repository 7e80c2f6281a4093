/**
 * Goal gates (spec §3.4): a node with `goal_gate=true` must have succeeded before the run may exit.
 * Pure functions of the graph and the recorded outcomes; the walk and the dependency scheduler act on
 * what they return (events, redirects, failures).
 */
import type { Graph, GraphNode } from '../graph/graph.js';
import { HandlerTypes } from '../graph/shapes.js';
import { getBoolean, getString, nodeHandlerType } from '../graph/values.js';
import type { StageStatus } from '../ports/outcome.js';
import { isSuccessful } from './outcome.js';

/** A goal gate whose recorded outcome is not a success, and where a retry of it would go. */
export interface UnsatisfiedGate {
  readonly id: string;
  readonly status: StageStatus;
  readonly retryTarget?: string;
}

/** What the gate functions read of a recorded outcome. */
export type RecordedOutcomes = ReadonlyMap<string, { readonly status: StageStatus }>;

export function isExitNode(node: GraphNode): boolean {
  return nodeHandlerType(node) === HandlerTypes.Exit;
}

export function isGoalGate(node: GraphNode): boolean {
  return getBoolean(node.attrs, 'goal_gate') === true;
}

/**
 * A goal gate's retry target: its own retry_target, then fallback_retry_target, then the graph's — the
 * first that names a node of the graph.
 */
export function retryTargetFor(graph: Graph, gate: string): string | undefined {
  const node = graph.nodes.get(gate);
  const candidates = [
    node ? getString(node.attrs, 'retry_target') : undefined,
    node ? getString(node.attrs, 'fallback_retry_target') : undefined,
    getString(graph.attrs, 'retry_target'),
    getString(graph.attrs, 'fallback_retry_target')
  ];
  return candidates.find((t) => t !== undefined && t !== '' && graph.nodes.has(t));
}

/**
 * The goal gates whose recorded outcome is not a success, in the order they first ran. With
 * `ignoreSkipped`, a skipped gate (a branch not taken under schedule="dependencies") is not counted.
 */
export function unsatisfiedGates(
  graph: Graph,
  outcomes: RecordedOutcomes,
  options: { readonly ignoreSkipped?: boolean } = {}
): UnsatisfiedGate[] {
  const out: UnsatisfiedGate[] = [];
  for (const [id, { status }] of outcomes) {
    const node = graph.nodes.get(id);
    if (!node || !isGoalGate(node) || isSuccessful(status)) continue;
    if (options.ignoreSkipped === true && status === 'skipped') continue;
    const retryTarget = retryTargetFor(graph, id);
    out.push({ id, status, ...(retryTarget ? { retryTarget } : {}) });
  }
  return out;
}

function named(gates: readonly UnsatisfiedGate[]): string {
  return gates.map((g) => `'${g.id}' (${g.status})`).join(', ');
}

/** Why the walk cannot exit: the unsatisfied gates, when the first of them has no retry target. */
export function unsatisfiedGateReason(gates: readonly UnsatisfiedGate[]): string {
  return `Goal gate unsatisfied: ${named(gates)} did not succeed and no retry_target is set. Add retry_target to the node or the graph.`;
}

/** Why the exit did not run under schedule="dependencies" (which never follows retry targets). */
export function dependencyGateReason(gates: readonly UnsatisfiedGate[], exit: string): string {
  return (
    `Goal gate unsatisfied: ${named(gates)} did not succeed, so '${exit}' did not run. ` +
    'schedule="dependencies" does not follow retry_target; fix the cause and resume, which re-runs the gate(s).'
  );
}

/**
 * Where resuming a failed edge-scheduled run starts: the node it failed at (`next`) — except when it
 * failed at the exit on a goal gate that has no retry target, which would only fail again: then that
 * first unsatisfied gate.
 */
export function resumeTarget(
  graph: Graph,
  outcomes: RecordedOutcomes,
  next: string | undefined
): string | undefined {
  const node = next === undefined ? undefined : graph.nodes.get(next);
  if (!node || !isExitNode(node)) return next;
  const [first] = unsatisfiedGates(graph, outcomes);
  if (first === undefined || first.retryTarget !== undefined) return next;
  return first.id;
}
