/**
 * The walk (spec §3.2): runs nodes from `start` until the exit, a stop node, a dead end or an unrouted
 * failure. The main walk and every parallel branch use this same loop; the main walk also keeps the
 * checkpoint's position (`current_node`, `next_node`) and checks the goal gates at the exit.
 */
import type { GraphEdge } from '../graph/graph.js';
import { getInteger } from '../graph/values.js';
import type { Outcome } from '../ports/outcome.js';
import { executeStage } from './execute-stage.js';
import { isExitNode, unsatisfiedGateReason, unsatisfiedGates } from './goal-gates.js';
import { failure } from './outcome.js';
import { emitEdge, route, unmatchedEdges, unroutedFailure } from './routing.js';
import type { RunSession } from './run-session.js';
import type { WalkEnd, Walker } from './walker.js';
import { interruptedEnd, interruption } from './walker.js';

export async function walk(session: RunSession, start: string, w: Walker): Promise<WalkEnd> {
  const { graph, state } = session;
  let current = start;
  let lastOutcome: Outcome = w.resumedAt?.outcome ?? { status: 'success' };
  let lastNode: string | undefined = w.resumedAt?.lastNode;
  let arrivedVia: GraphEdge | undefined;
  const isMain = w.branch === undefined;
  const last = (): { lastNode?: string } => (lastNode ? { lastNode } : {});
  for (;;) {
    session.throwIfStopped(current);
    // A branch that has reached its join is done, even if its siblings' policy cancels it just now.
    if (w.stopAt?.has(current))
      return { kind: 'stop_at', outcome: lastOutcome, stoppedBefore: current, ...last() };
    const interrupted = interruption(session, w);
    if (interrupted) return interruptedEnd(interrupted, lastNode);
    const node = graph.nodes.get(current);
    if (!node) {
      return {
        kind: 'failed',
        outcome: failure(`Edge target '${current}' is not a node of the pipeline.`),
        ...last()
      };
    }

    if (isExitNode(node)) {
      if (!isMain)
        return { kind: 'stop_at', outcome: lastOutcome, stoppedBefore: current, ...last() };
      const gates = unsatisfiedGates(graph, state.outcomes);
      const [gate] = gates;
      if (gate) {
        session.emit({
          type: 'goal_gate.unsatisfied',
          nodeId: gate.id,
          status: gate.status,
          ...(gate.retryTarget ? { retryTarget: gate.retryTarget } : {})
        });
        if (gate.retryTarget === undefined)
          return {
            kind: 'failed',
            outcome: failure(unsatisfiedGateReason(gates)),
            lastNode: current
          };
        emitEdge(session, current, gate.retryTarget, 'goal_gate', w);
        current = gate.retryTarget;
        arrivedVia = undefined;
        state.nextNode = current;
        continue;
      }
    }

    const maxVisits =
      getInteger(node.attrs, 'max_visits') ?? getInteger(graph.attrs, 'default_max_visits');
    const visits = state.visits.get(current) ?? 0;
    const resuming = w.attempts.saved(current) !== undefined;
    if (maxVisits !== undefined && maxVisits > 0 && visits >= maxVisits && !resuming) {
      const outcome = failure(
        `Node '${current}' exceeded max_visits=${maxVisits} (it ran ${visits} times). Raise max_visits or add a condition that leaves the loop.`
      );
      return { kind: 'failed', outcome, lastNode: current };
    }

    if (isMain) state.nextNode = current;
    const outcome = await executeStage(session, node, w, arrivedVia);
    const interruptedNow = interruption(session, w);
    if (interruptedNow)
      return interruptedEnd(
        interruptedNow,
        interruptedNow.timeout ? current : lastNode,
        interruptedNow.timeout ? outcome : undefined
      );
    lastOutcome = outcome;
    lastNode = current;

    if (isExitNode(node)) {
      if (isMain) state.currentNode = current;
      return { kind: 'exit', outcome, lastNode: current };
    }

    const next = route(session, node, outcome, w);
    if (next === undefined) {
      if (isMain) {
        state.currentNode = current;
        state.nextNode = outcome.status === 'fail' ? current : undefined;
        if (outcome.status === 'fail') {
          return {
            kind: 'failed',
            outcome: failure(unroutedFailure(node, outcome)),
            lastNode: current
          };
        }
      }
      w.onAdvance?.(current, undefined, outcome);
      if (outcome.status !== 'fail' && isMain) {
        // No edge matched a stage that did not fail: the run cannot reach an exit, which is a failure
        // (docs/decisions/0009-unmatched-edges-fail.md), not the spec's quiet RETURN NONE.
        state.nextNode = current;
        return {
          kind: 'failed',
          outcome: failure(unmatchedEdges(session, node, outcome, w)),
          lastNode: current
        };
      }
      return {
        kind: outcome.status === 'fail' ? 'failed' : 'dead_end',
        outcome,
        lastNode: current
      };
    }
    if (outcome.status === 'fail') session.routedFailures.set(current, next.to);
    if (next.restart && isMain) {
      state.currentNode = current;
      return { kind: 'restart', outcome, stoppedBefore: next.to, lastNode: current };
    }
    if (isMain) {
      state.currentNode = current;
      state.nextNode = next.to;
      state.currentAttempt = undefined;
      await session.checkpoint(current);
    } else {
      w.onAdvance?.(current, next.to, outcome);
      // A branch that has reached its join ends right here, and runBranch checkpoints that end
      // without awaiting anything in between: one write then stands for both transitions.
      if (!w.stopAt?.has(next.to)) await session.checkpoint(current);
    }
    current = next.to;
    arrivedVia = next.edge;
  }
}
