/**
 * `schedule="dependencies"` (docs/attractor.md, "Dependency scheduling"): runs the graph like a build tool.
 * A node starts when every predecessor has finished and at least one incoming edge fired (an edge fires
 * when its source succeeded — or failed and the edge's condition matches — and its condition holds). Nodes
 * with no fired incoming edge are skipped, so a failure stops its descendants while independent nodes go
 * on, up to `max_parallel` at once. A failure that a matching condition edge routes is handled and does not
 * fail the run. The exit runs last, once the goal gates are final.
 */
import type { Graph, GraphEdge, GraphNode } from '../graph/graph.js';
import { outgoingEdges } from '../graph/graph.js';
import { findStartNodes } from '../graph/terminals.js';
import { getInteger } from '../graph/values.js';
import type { ContextView } from '../ports/context.js';
import type { Outcome } from '../ports/outcome.js';
import { conditionHolds } from './condition-holds.js';
import { announceFreshRetryBudget, executeStage } from './execute-stage.js';
import { dependencyGateReason, isExitNode, isGoalGate, unsatisfiedGates } from './goal-gates.js';
import { failure, isSuccessful } from './outcome.js';
import { newWalker } from './parallel-branches.js';
import type { RunEnd } from './run-end.js';
import type { RunSession } from './run-session.js';
import { StopSignal } from './run-session.js';
import { concurrentAttempts } from './walker.js';

const conditionOf = (e: GraphEdge): string => e.attrs.get('condition')?.value.trim() ?? '';

/** The nodes reachable from `start`, and each one's incoming edges among them. */
function reachableFrom(graph: Graph, start: string): Map<string, GraphEdge[]> {
  const preds = new Map<string, GraphEdge[]>([[start, []]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const e of outgoingEdges(graph, queue[i] as string)) {
      if (!preds.has(e.to)) {
        preds.set(e.to, []);
        queue.push(e.to);
      }
    }
  }
  for (const e of graph.edges) if (preds.has(e.from)) preds.get(e.to)?.push(e);
  return preds;
}

/** A failure is handled when a condition edge out of the node matches it (like spec §3.7 routing). */
function isHandled(
  graph: Graph,
  reachable: ReadonlyMap<string, unknown>,
  context: ContextView,
  id: string,
  outcome: Outcome
): boolean {
  return outgoingEdges(graph, id).some(
    (e) =>
      reachable.has(e.to) &&
      conditionOf(e) !== '' &&
      conditionHolds(conditionOf(e), outcome, context)
  );
}

export async function runDependencies(session: RunSession, resumeAt: string): Promise<RunEnd> {
  const { graph, state } = session;
  const start = findStartNodes(graph)[0]?.id ?? resumeAt;
  const preds = reachableFrom(graph, start);
  const reachable = [...preds.keys()];
  const context = state.context;
  const handles = (id: string, outcome: Outcome): boolean =>
    isHandled(graph, preds, context, id, outcome);

  const finished = new Map<string, Outcome>();
  const handled = new Set<string>();
  // Resuming keeps the results that stand — successes and handled failures. Unhandled failures, skipped
  // nodes, unsatisfied goal gates and the exit run again; a node that was running has no outcome yet.
  for (const id of state.completed) {
    const recorded = state.outcomes.get(id);
    const node = graph.nodes.get(id);
    if (!recorded || !node || !preds.has(id) || isExitNode(node)) continue;
    const outcome: Outcome = {
      status: recorded.status,
      ...(recorded.failure_reason ? { failureReason: recorded.failure_reason } : {}),
      ...(recorded.preferred_label ? { preferredLabel: recorded.preferred_label } : {})
    };
    if (isSuccessful(recorded.status)) finished.set(id, outcome);
    else if (recorded.status === 'fail' && !isGoalGate(node) && handles(id, outcome)) {
      finished.set(id, outcome);
      handled.add(id);
    } else if (recorded.status === 'fail' && session.resumedAfterFailure) {
      announceFreshRetryBudget(session, node);
    }
  }
  const running = new Map<string, Promise<void>>();
  const failedNodes: string[] = [];
  const maxParallel = Math.max(1, getInteger(graph.attrs, 'max_parallel') ?? 4);
  const walker = newWalker(session, {
    context,
    scope: '',
    concurrent: true,
    attempts: concurrentAttempts(state)
  });
  let stop: StopSignal | undefined;
  let gateFailure: { exit: string; gates: readonly string[]; reason: string } | undefined;

  /** Nodes that cannot run because a dependency failed (as opposed to a branch not taken). */
  const blocked = new Set<string>();
  const fired = (e: GraphEdge): boolean => {
    const outcome = finished.get(e.from);
    if (!outcome || outcome.status === 'skipped') return false;
    const condition = conditionOf(e);
    if (condition === '') return isSuccessful(outcome.status);
    return conditionHolds(condition, outcome, context);
  };

  const launch = (id: string): void => {
    const node = graph.nodes.get(id);
    if (!node) return;
    const task = (async () => {
      const outcome = await executeStage(session, node, walker, undefined);
      finished.set(id, outcome);
      if (outcome.status === 'fail') {
        if (handles(id, outcome)) handled.add(id);
        else failedNodes.push(id);
      }
      state.currentNode = id;
      await session.checkpoint(id);
    })().catch((error: unknown) => {
      if (error instanceof StopSignal) stop ??= error;
      else throw error;
    });
    running.set(
      id,
      task.finally(() => running.delete(id))
    );
  };
  const othersPending = (exit: string): boolean =>
    running.size > 0 || reachable.some((other) => other !== exit && !finished.has(other));

  for (;;) {
    if (stop) break;
    let progressed = false;
    for (const id of reachable) {
      if (finished.has(id) || running.has(id)) continue;
      const incoming = preds.get(id) ?? [];
      if (!incoming.every((e) => finished.has(e.from))) continue;
      const hardDependencyFailed = incoming.some(
        (e) =>
          conditionOf(e) === '' &&
          (blocked.has(e.from) || (finished.get(e.from)?.status === 'fail' && !handled.has(e.from)))
      );
      if (id !== start && (hardDependencyFailed || !incoming.some(fired))) {
        const notes = hardDependencyFailed
          ? 'skipped: a dependency failed'
          : 'skipped: no incoming edge condition held';
        if (hardDependencyFailed) blocked.add(id);
        finished.set(id, { status: 'skipped', notes });
        state.recordOutcome(id, { status: 'skipped', notes }, 0);
        progressed = true;
        continue;
      }
      const node = graph.nodes.get(id) as GraphNode;
      if (isExitNode(node)) {
        // The exit runs last, so every goal gate has its final outcome.
        if (othersPending(id)) continue;
        const gates = unsatisfiedGates(graph, state.outcomes, { ignoreSkipped: true });
        if (gates.length > 0) {
          for (const gate of gates)
            session.emit({ type: 'goal_gate.unsatisfied', nodeId: gate.id, status: gate.status });
          const reason = dependencyGateReason(gates, id);
          const outcome = failure(reason, { retryable: false });
          finished.set(id, outcome);
          state.recordOutcome(id, outcome, 0);
          gateFailure = { exit: id, gates: gates.map((g) => g.id), reason };
          progressed = true;
          continue;
        }
      }
      if (running.size >= maxParallel) break;
      launch(id);
      progressed = true;
    }
    if (running.size === 0 && !progressed) break;
    if (running.size > 0) await Promise.race(running.values());
  }
  await Promise.all(running.values());
  if (stop) return { status: 'stopped', ...(stop.nodeId ? { nodeId: stop.nodeId } : {}) };
  const unfinished = reachable.filter((id) => !finished.has(id));
  if (unfinished.length > 0) {
    return {
      status: 'fail',
      reason: `Nodes never became ready (a dependency cycle?): ${unfinished.join(', ')}. schedule="dependencies" needs an acyclic graph.`,
      resumeHint: `runs ${unfinished.map((id) => `'${id}'`).join(', ')} once the cycle is fixed (the changed file needs --force); completed nodes are kept`
    };
  }
  if (failedNodes.length > 0 || blocked.size > 0 || gateFailure)
    return failedEnd(failedNodes, blocked, finished, gateFailure);
  return { status: 'success' };
}

/** The failure of a dependency-scheduled run: what failed, what it blocked, and what a resume re-runs. */
function failedEnd(
  failedNodes: readonly string[],
  blocked: ReadonlySet<string>,
  finished: ReadonlyMap<string, Outcome>,
  gateFailure: { exit: string; gates: readonly string[]; reason: string } | undefined
): RunEnd {
  const parts: string[] = [];
  if (failedNodes.length > 0 || blocked.size > 0) {
    const reasons = failedNodes.map(
      (id) => `'${id}': ${finished.get(id)?.failureReason ?? 'failed'}`
    );
    const skipped = blocked.size
      ? ` (${blocked.size} dependent node(s) skipped: ${[...blocked].join(', ')})`
      : '';
    parts.push(`${failedNodes.length} node(s) failed — ${reasons.join('; ')}${skipped}`);
  }
  if (gateFailure) parts.push(gateFailure.reason);
  const rerun = [...failedNodes, ...(gateFailure?.gates ?? [])];
  const rest = [
    ...blocked,
    ...(gateFailure && !blocked.has(gateFailure.exit) ? [gateFailure.exit] : [])
  ];
  const hint =
    `re-runs ${rerun.map((id) => `'${id}'`).join(', ')} with a fresh retry budget` +
    (rest.length
      ? ` and then the ${rest.length} node(s) that did not run (${rest.join(', ')})`
      : '') +
    '; completed nodes are kept';
  const failedNode = rerun[0] ?? gateFailure?.exit;
  return {
    status: 'fail',
    reason: parts.join('; '),
    ...(failedNode ? { failedNode } : {}),
    resumeHint: hint
  };
}
