/**
 * How a run ends: the final state and checkpoint, the flushed stores, the closing event (with the
 * failure summary of failed branches) and the RunResult, with what a resume of a failed run will do.
 */
import { failedBranches } from './failure-summary.js';
import { resumeTarget } from './goal-gates.js';
import type { HandledFailure, RunResult, RunStatusResult } from './run-options.js';
import type { RunSession } from './run-session.js';

/** What the walk or the dependency scheduler ended with; `endRun` turns it into the RunResult. */
export type RunEnd =
  | { readonly status: 'success' }
  | {
      readonly status: 'fail';
      readonly reason: string;
      /** The node whose failure ended the run. */
      readonly failedNode?: string;
      /** What a resume does; by default the walk's (see `walkResumeHint`). */
      readonly resumeHint?: string;
    }
  | { readonly status: 'stopped'; readonly nodeId?: string };

export async function endRun(session: RunSession, end: RunEnd): Promise<RunResult> {
  return end.status === 'stopped' ? stopped(session, end.nodeId) : finished(session, end);
}

async function finished(
  session: RunSession,
  end: Exclude<RunEnd, { status: 'stopped' }>
): Promise<RunResult> {
  const { state, options } = session;
  const reason = end.status === 'fail' ? end.reason : undefined;
  const failedNode = end.status === 'fail' ? end.failedNode : undefined;
  state.status = end.status;
  state.failureReason = reason;
  if (end.status === 'success') {
    state.nextNode = undefined;
    state.currentAttempt = undefined;
  }
  await session.checkpoint(failedNode ?? state.currentNode);
  await Promise.all([options.checkpointStore.flush?.(), session.runStore.flush()]);
  const durationMs = options.clock.now() - session.startedAt;
  if (end.status === 'success') {
    const handledFailures = handled(session);
    session.emit({
      type: 'pipeline.completed',
      durationMs,
      completedNodes: state.completed.length,
      ...(handledFailures.length ? { handledFailures } : {})
    });
    return {
      ...result(session, 'success', undefined, undefined),
      ...(handledFailures.length ? { handledFailures } : {})
    };
  }
  const branches = failedNode
    ? await failedBranches(
        {
          graph: session.graph,
          registry: options.registry,
          context: state.context,
          outcomes: state.outcomes,
          runStore: session.runStore
        },
        failedNode
      )
    : [];
  session.emit({
    type: 'pipeline.failed',
    durationMs,
    reason: reason ?? 'failed',
    ...(failedNode ? { nodeId: failedNode } : {}),
    ...(branches.length ? { failedBranches: branches } : {})
  });
  const hint = end.resumeHint ?? walkResumeHint(session);
  return { ...result(session, 'fail', reason, failedNode), ...(hint ? { resumeHint: hint } : {}) };
}

/** What resuming a failed edge-scheduled run does: see `resumeTarget`. */
function walkResumeHint(session: RunSession): string | undefined {
  const next = session.state.nextNode;
  const target = resumeTarget(session.graph, session.state.outcomes, next);
  if (target === undefined) return undefined;
  return target === next
    ? `re-runs '${target}' with a fresh retry budget`
    : `re-runs goal gate '${target}' with a fresh retry budget and continues from there`;
}

async function stopped(session: RunSession, nodeId: string | undefined): Promise<RunResult> {
  const { state, options } = session;
  state.status = 'stopped';
  const reason = 'stopped by signal';
  state.failureReason = reason;
  await session.checkpoint(nodeId ?? state.currentNode);
  await Promise.all([options.checkpointStore.flush?.(), session.runStore.flush()]);
  session.emit({
    type: 'pipeline.stopped',
    durationMs: options.clock.now() - session.startedAt,
    reason,
    ...(nodeId ? { nodeId } : {})
  });
  return result(session, 'stopped', reason, nodeId);
}

/** Completed stages whose recorded outcome is a failure: the run routed on from them and succeeded. */
function handled(session: RunSession): HandledFailure[] {
  const { state } = session;
  return state.completed
    .filter((id) => state.outcomes.get(id)?.status === 'fail')
    .map((nodeId) => {
      const to = session.routedFailures.get(nodeId);
      return to === undefined ? { nodeId } : { nodeId, to };
    });
}

function result(
  session: RunSession,
  status: RunStatusResult,
  reason: string | undefined,
  failedNode: string | undefined
): RunResult {
  const state = session.state;
  return {
    status,
    runId: state.runId,
    ...(reason === undefined ? {} : { failureReason: reason }),
    ...(failedNode === undefined ? {} : { failedNode }),
    completedNodes: [...state.completed],
    checkpoint: state.toCheckpoint(session.iso())
  };
}
