/**
 * Runs one node with its retry policy (spec §3.5; FAIL is retried too, see docs/decisions): the
 * handler, the retries and their backoff, the checkpoint before every retry, and what a finished
 * stage leaves behind (its recorded outcome, context updates, status.json).
 */
import { errorMessage } from '../common/errors.js';
import type { GraphEdge, GraphNode } from '../graph/graph.js';
import { getBoolean, nodeHandlerType, nodeLabel } from '../graph/values.js';
import type { Outcome } from '../ports/outcome.js';
import type { HandlerInput } from './handler.js';
import { failure, outcomeToStatusJson } from './outcome.js';
import { buildRetryPolicy, delayForAttempt } from './retry-policy.js';
import type { RunSession } from './run-session.js';
import { StopSignal } from './run-session.js';
import type { Interruption, Walker } from './walker.js';
import { interruption, walkSignal } from './walker.js';

export async function executeStage(
  session: RunSession,
  node: GraphNode,
  w: Walker,
  incomingEdge: GraphEdge | undefined
): Promise<Outcome> {
  const { graph, options, state } = session;
  const handlerType = options.registry.resolveType(node);
  const handler = handlerType === undefined ? undefined : options.registry.get(handlerType);
  const typeName = handlerType ?? nodeHandlerType(node);
  const policy = buildRetryPolicy(node, graph);
  let attempt = 1;
  const saved = w.attempts.saved(node.id);
  if (saved !== undefined) attempt = Math.max(1, Math.min(saved, policy.maxAttempts));
  else state.addVisit(node.id);
  w.attempts.set(node.id, attempt);
  const signal = walkSignal(session, w);

  for (;;) {
    await options.clock.yieldToEventLoop?.();
    session.throwIfStopped(node.id);
    const before = interruption(session, w);
    if (before) return interruptedStage(session, node, typeName, attempt, undefined, before, w);
    w.context.set('current_node', node.id);
    const startedAt = options.clock.now();
    session.emit({
      type: 'stage.started',
      nodeId: node.id,
      handlerType: typeName,
      label: nodeLabel(node),
      attempt,
      maxAttempts: policy.maxAttempts,
      ...(w.branch ? { branch: w.branch } : {})
    });
    let outcome: Outcome;
    if (!handler) {
      outcome = failure(
        `No handler is registered for type '${typeName}'. Register one with registry.register('${typeName}', handler) or fix the node's type.`,
        { retryable: false }
      );
    } else {
      try {
        outcome = await handler.execute(handlerInput(session, node, w, attempt, incomingEdge));
      } catch (error) {
        if (session.signal.aborted) throw new StopSignal(node.id);
        outcome = failure(`Handler '${typeName}' threw: ${errorMessage(error)}`);
      }
    }
    session.throwIfStopped(node.id);
    const durationMs = options.clock.now() - startedAt;
    const interrupted = interruption(session, w);
    if (interrupted)
      return interruptedStage(session, node, typeName, attempt, durationMs, interrupted, w);
    emitCompleted(session, node, typeName, outcome, attempt, durationMs, w);

    const wantsRetry = outcome.status === 'retry' || outcome.status === 'fail';
    if (wantsRetry && outcome.retryable !== false && attempt < policy.maxAttempts) {
      const delayMs = Math.max(
        outcome.retryAfterMs ?? 0,
        delayForAttempt(attempt, policy.backoff, options.random)
      );
      const retries = state.addRetry(node.id);
      w.context.set(`internal.retry_count.${node.id}`, retries);
      attempt += 1;
      // Checkpoint before every retry, wherever the node runs, so a resume continues at this attempt.
      w.attempts.set(node.id, attempt);
      await session.checkpoint(node.id);
      session.emit({
        type: 'stage.retrying',
        nodeId: node.id,
        attempt,
        maxAttempts: policy.maxAttempts,
        delayMs,
        reason: outcome.failureReason ?? outcome.status,
        ...(w.branch ? { branch: w.branch } : {})
      });
      try {
        await options.clock.sleep(delayMs, signal);
      } catch {
        session.throwIfStopped(node.id);
      }
      continue;
    }
    if (outcome.status === 'retry') outcome = retriesExhausted(node, outcome, policy.maxAttempts);
    await record(session, node, outcome, attempt, w);
    w.attempts.clear(node.id);
    return outcome;
  }
}

/** A stage still asking to retry when its attempts are used up: partial success if allowed, else FAIL. */
function retriesExhausted(node: GraphNode, outcome: Outcome, maxAttempts: number): Outcome {
  return getBoolean(node.attrs, 'allow_partial') === true
    ? { ...outcome, status: 'partial_success', notes: 'retries exhausted, partial accepted' }
    : {
        ...outcome,
        status: 'fail',
        failureReason: `max retries exceeded (${maxAttempts} attempts): ${outcome.failureReason ?? 'stage asked to retry'}`
      };
}

/**
 * A node of a branch whose signal fired while it ran (or waited to retry). A cancelled branch's node is
 * reported as skipped — "branch cancelled: <why>", not a failure and not recorded as completed, so the
 * run's outcome does not count it; a timed-out branch's node failed (recorded, never retried).
 */
async function interruptedStage(
  session: RunSession,
  node: GraphNode,
  typeName: string,
  attempt: number,
  durationMs: number | undefined,
  why: Interruption,
  w: Walker
): Promise<Outcome> {
  const outcome: Outcome = why.timeout
    ? failure(why.message, { retryable: false })
    : { status: 'skipped', notes: `branch cancelled: ${why.message}` };
  // durationMs is undefined when the node was waiting to retry: that attempt never started.
  if (durationMs !== undefined)
    emitCompleted(session, node, typeName, outcome, attempt, durationMs, w);
  if (why.timeout) await record(session, node, outcome, attempt, w);
  w.attempts.clear(node.id);
  return outcome;
}

function emitCompleted(
  session: RunSession,
  node: GraphNode,
  handlerType: string,
  outcome: Outcome,
  attempt: number,
  durationMs: number,
  w: Walker
): void {
  session.emit({
    type: 'stage.completed',
    nodeId: node.id,
    handlerType,
    status: outcome.status,
    attempt,
    durationMs,
    ...(outcome.notes ? { notes: outcome.notes } : {}),
    ...(outcome.failureReason ? { failureReason: outcome.failureReason } : {}),
    ...(w.branch ? { branch: w.branch } : {})
  });
}

/** A finished stage: its outcome recorded, its context updates applied, its status.json written. */
async function record(
  session: RunSession,
  node: GraphNode,
  outcome: Outcome,
  attempts: number,
  w: Walker
): Promise<void> {
  session.state.recordOutcome(node.id, outcome, attempts);
  if (outcome.contextUpdates) w.context.apply(outcome.contextUpdates);
  w.context.set('outcome', outcome.status);
  if (outcome.preferredLabel) w.context.set('preferred_label', outcome.preferredLabel);
  if (!outcome.autoStatus) {
    // Nothing reads status.json back during the run (the checkpoint holds the outcome), so it is
    // queued as a background write ...
    await session.runStore.writeStageFile(
      node.id,
      'status.json',
      JSON.stringify(outcomeToStatusJson(outcome), null, 2) + '\n',
      { background: true }
    );
  }
  // ... but it, and the handler's own background writes (tool_output.txt), land before the
  // checkpoint that names the stage complete: a crash never loses a completed stage's files.
  await session.runStore.settleStage(node.id);
}

function handlerInput(
  session: RunSession,
  node: GraphNode,
  w: Walker,
  attempt: number,
  incomingEdge: GraphEdge | undefined
): HandlerInput {
  return {
    ...(incomingEdge ? { incomingEdge } : {}),
    node,
    graph: session.graph,
    context: w.context,
    runId: session.state.runId,
    attempt,
    execution: `r${session.state.restartCount}.v${session.state.visits.get(node.id) ?? 0}.a${attempt}`,
    ...(session.continuesInterrupted ? { resumed: true } : {}),
    runStore: session.runStore,
    clock: session.options.clock,
    signal: walkSignal(session, w),
    ...(w.branch ? { branch: w.branch } : {}),
    emit: (payload) =>
      session.emit({
        ...payload,
        ...(w.branch && 'nodeId' in payload ? { branch: w.branch } : {})
      }),
    engine: w.services
  };
}

/**
 * Resuming a failed run gives the node it re-runs a fresh retry budget (attempt 1 of max_retries+1; the
 * checkpoint's node_retries keeps counting the run's retries). A stopped run keeps its attempt instead.
 */
export function announceFreshRetryBudget(session: RunSession, node: GraphNode): void {
  const max = buildRetryPolicy(node, session.graph).maxAttempts;
  session.emit({
    type: 'warning',
    nodeId: node.id,
    message: `resuming a failed run: '${node.id}' runs again with a fresh retry budget (attempt 1 of ${max})`
  });
}
