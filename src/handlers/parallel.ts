/**
 * Parallel fan-out (spec §4.8). Each outgoing edge starts a branch that runs on an isolated copy of the
 * context until it reaches the join node (the fan-in, or else the first node where the branches converge);
 * then execution continues at the join node, so every branch node runs exactly once. Join policies:
 * wait_all, first_success, k_of_n, quorum. Error policies: continue, fail_fast, ignore.
 *
 * The context changes of the successful branches are merged here, in branch order (later branches win),
 * so the join node — a fan-in or any other node — sees them. `parallel.results` holds small per-branch
 * summaries (status, reason, a bounded list of changed keys), never the branches' values.
 */
import { errorMessage } from '../common/errors.js';
import { formatDuration } from '../common/format-duration.js';
import type { Outcome, StageStatus } from '../ports/outcome.js';
import { isSuccessful } from '../engine/outcome.js';
import { outgoingEdges } from '../graph/graph.js';
import { HandlerTypes } from '../graph/shapes.js';
import { getDurationMs, getInteger, getString, nodeHandlerType } from '../graph/values.js';
import { findJoinNode } from '../graph/find-join-node.js';
import type { Handler, HandlerInput, SubgraphResult } from '../engine/handler.js';
import { branchTimeoutReason } from '../engine/handler.js';

export const JOIN_POLICIES = ['wait_all', 'first_success', 'k_of_n', 'quorum'] as const;
export const ERROR_POLICIES = ['continue', 'fail_fast', 'ignore'] as const;
export const DEFAULT_MAX_PARALLEL = 4;
/** How many changed context keys a branch summary lists. */
export const MAX_RESULT_KEYS = 32;

/**
 * A branch's status: a stage status, or `cancelled` (stopped by a join or error policy before it finished).
 * `skipped` means the branch never started (the join was decided first). Neither counts as a failure.
 */
export type BranchStatus = StageStatus | 'cancelled';

export interface BranchResult {
  readonly id: string;
  readonly status: BranchStatus;
  readonly notes?: string;
  readonly failure_reason?: string;
  /** The node whose outcome decided the branch's status. */
  readonly last_node?: string;
  readonly completed_nodes: readonly string[];
  /** The branch's `score` context value when it set a number (fan-in ranking). */
  readonly score?: number;
  /** Context keys the branch changed (at most MAX_RESULT_KEYS); the values are merged, not copied here. */
  readonly context_keys: readonly string[];
  /** How many changed keys `context_keys` leaves out. */
  readonly more_context_keys?: number;
}

export function isBranchFailure(status: BranchStatus): boolean {
  return status === 'fail' || status === 'retry';
}

function toBranchResult(id: string, r: SubgraphResult, timedOut: string | undefined): BranchResult {
  const keys = Object.keys(r.contextUpdates);
  const score = r.contextUpdates['score'];
  const numeric = typeof score === 'number' ? score : Number(score);
  const status: BranchStatus = timedOut ? 'fail' : r.cancelled ? 'cancelled' : r.outcome.status;
  const reason = timedOut ?? r.outcome.failureReason;
  return {
    id,
    status,
    ...(r.outcome.notes ? { notes: r.outcome.notes } : {}),
    ...(reason && status === 'fail' ? { failure_reason: reason } : {}),
    ...(r.lastNode ? { last_node: r.lastNode } : {}),
    completed_nodes: r.completedNodes,
    ...(score !== undefined && Number.isFinite(numeric) ? { score: numeric } : {}),
    context_keys: keys.slice(0, MAX_RESULT_KEYS),
    ...(keys.length > MAX_RESULT_KEYS ? { more_context_keys: keys.length - MAX_RESULT_KEYS } : {})
  };
}

/**
 * How many successes satisfy the join, for a policy and branch count. `quorum` is the fraction `q` of the
 * branches that must succeed: ceil(n·q), at least 1 and at most n.
 */
export function requiredSuccesses(
  policy: string,
  total: number,
  k: number | undefined,
  quorum: number | undefined
): number {
  switch (policy) {
    case 'first_success':
      return Math.min(1, total);
    case 'k_of_n':
      return Math.min(total, Math.max(1, k ?? 1));
    case 'quorum':
      // The epsilon keeps a product that floating point puts just above a whole number (0.7·10) on it.
      return Math.min(total, Math.max(1, Math.ceil(total * (quorum ?? 0.5) - 1e-9)));
    default:
      return total;
  }
}

function list(label: string, ids: readonly string[]): string {
  return ids.length ? `; ${label}: ${ids.join(', ')}` : '';
}

export class ParallelHandler implements Handler {
  async execute(input: HandlerInput): Promise<Outcome> {
    const { node, graph } = input;
    const branches = [...new Set(outgoingEdges(graph, node.id).map((e) => e.to))];
    if (branches.length === 0)
      return {
        status: 'fail',
        failureReason: `Parallel node '${node.id}' has no outgoing edges (branches).`,
        retryable: false
      };

    const policy = getString(node.attrs, 'join_policy') ?? 'wait_all';
    const errorPolicy = getString(node.attrs, 'error_policy') ?? 'continue';
    const maxParallel = Math.max(1, getInteger(node.attrs, 'max_parallel') ?? DEFAULT_MAX_PARALLEL);
    const k = getInteger(node.attrs, 'join_k');
    const quorumText = getString(node.attrs, 'join_quorum');
    const quorum = quorumText === undefined ? undefined : Number(quorumText);
    const branchTimeout = getDurationMs(node.attrs, 'branch_timeout');
    const needed = requiredSuccesses(
      policy,
      branches.length,
      k,
      Number.isFinite(quorum) ? quorum : undefined
    );

    const join = findJoinNode(graph, node.id, branches);
    const exits = [...graph.nodes.values()]
      .filter((n) => nodeHandlerType(n) === HandlerTypes.Exit)
      .map((n) => n.id);
    const stopAt = new Set<string>(join ? [join] : exits);

    input.emit({ type: 'parallel.started', nodeId: node.id, branches, maxParallel });
    const started = input.clock.now();
    const controllers = branches.map(() => new AbortController());
    const results: (BranchResult | undefined)[] = branches.map(() => undefined);
    const updatesByBranch: (Readonly<Record<string, unknown>> | undefined)[] = branches.map(
      () => undefined
    );
    let successes = 0;
    let failures = 0;
    let stopReason: string | undefined;
    const cancelRest = (reason: string): void => {
      stopReason ??= reason;
      for (const c of controllers) if (!c.signal.aborted) c.abort(new Error(reason));
    };

    const finish = (index: number, result: BranchResult, durationMs: number): void => {
      results[index] = result;
      if (isSuccessful(result.status as StageStatus)) successes++;
      else if (isBranchFailure(result.status)) failures++;
      input.emit({
        type: 'parallel.branch_completed',
        nodeId: node.id,
        branchId: result.id,
        status: result.status,
        durationMs,
        ...(result.failure_reason ? { failureReason: result.failure_reason } : {}),
        ...(result.notes && !isBranchFailure(result.status) ? { notes: result.notes } : {}),
        ...(result.last_node ? { lastNode: result.last_node } : {})
      });
      if (policy !== 'wait_all' && successes >= needed)
        cancelRest(`join policy ${policy} satisfied`);
      if (errorPolicy === 'fail_fast' && isBranchFailure(result.status))
        cancelRest(`branch '${result.id}' failed (error_policy=fail_fast)`);
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const index = next++;
        const start = branches[index];
        const controller = controllers[index];
        if (start === undefined || controller === undefined) return;
        if (controller.signal.aborted) {
          finish(
            index,
            {
              id: start,
              status: 'skipped',
              notes: `not started: ${stopReason ?? 'the join was decided'}`,
              completed_nodes: [],
              context_keys: []
            },
            0
          );
          continue;
        }
        const branchStarted = input.clock.now();
        let timer: Promise<void> | undefined;
        let timedOut: string | undefined;
        const timerStop = new AbortController();
        if (branchTimeout !== undefined) {
          timer = input.clock.sleep(branchTimeout, timerStop.signal).then(
            () => {
              timedOut = `branch timed out after ${formatDuration(branchTimeout)} (branch_timeout)`;
              controller.abort(branchTimeoutReason(timedOut));
            },
            () => undefined
          );
        }
        let result: BranchResult;
        try {
          const r = await input.engine.runSubgraph({
            start,
            stopAt,
            branch: `${node.id}/${start}`,
            signal: controller.signal
          });
          result = toBranchResult(start, r, timedOut);
          if (isSuccessful(r.outcome.status) && !r.cancelled && !timedOut)
            updatesByBranch[index] = r.contextUpdates;
        } catch (error) {
          if (input.signal.aborted) throw error;
          result = {
            id: start,
            status: 'fail',
            failure_reason: errorMessage(error),
            completed_nodes: [],
            context_keys: []
          };
        } finally {
          timerStop.abort();
          await timer;
        }
        finish(index, result, input.clock.now() - branchStarted);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(maxParallel, branches.length) }, () => worker())
    );
    input.engine.completeParallel(node.id);

    const finished = results.filter((r): r is BranchResult => r !== undefined);
    const idsWith = (test: (s: BranchStatus) => boolean): string[] =>
      finished.filter((r) => test(r.status)).map((r) => r.id);
    const failedIds = idsWith(isBranchFailure);
    const cancelledIds = idsWith((s) => s === 'cancelled');
    const notStartedIds = idsWith((s) => s === 'skipped');
    input.emit({
      type: 'parallel.completed',
      nodeId: node.id,
      successCount: successes,
      failureCount: failures,
      cancelledCount: cancelledIds.length + notStartedIds.length,
      durationMs: input.clock.now() - started
    });

    // Successful branches' context changes, in branch order (later branches win); then the summary keys.
    const updates: Record<string, unknown> = {};
    for (const u of updatesByBranch) if (u) Object.assign(updates, u);
    Object.assign(updates, {
      'parallel.results': finished,
      'parallel.branch_count': branches.length,
      'parallel.success_count': successes,
      'parallel.fail_count': failures,
      'parallel.cancelled_count': cancelledIds.length + notStartedIds.length
    });
    for (const r of finished) updates[`parallel.branch.${r.id}.status`] = r.status;
    const summary =
      `${successes}/${branches.length} branches succeeded` +
      list('failed', failedIds) +
      list('cancelled', cancelledIds) +
      list('not started', notStartedIds);
    const base = {
      contextUpdates: updates,
      ...(join ? { continueAt: join } : exits[0] ? { continueAt: exits[0] } : {}),
      retryable: false
    } as const;

    let status: StageStatus;
    if (errorPolicy === 'fail_fast' && failedIds.length > 0) status = 'fail';
    else if (policy === 'wait_all')
      status =
        failedIds.length === 0
          ? 'success'
          : errorPolicy === 'ignore' && successes > 0
            ? 'success'
            : 'partial_success';
    else status = successes >= needed ? 'success' : 'fail';
    if (status === 'fail') {
      return {
        ...base,
        status,
        failureReason: `${summary}${stopReason ? ` (${stopReason})` : ''}; join policy ${policy} needs ${needed}`
      };
    }
    return { ...base, status, notes: summary };
  }
}
