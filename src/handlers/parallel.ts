/**
 * Parallel fan-out (spec §4.8). Each outgoing edge starts a branch that runs on an isolated copy of the
 * context until it reaches the join (fan-in) node; then execution continues at the join node, so every
 * branch node runs exactly once. Join policies: wait_all, first_success, k_of_n, quorum. Error policies:
 * continue, fail_fast, ignore.
 */
import { errorMessage } from '../errors.js';
import type { Outcome, StageStatus } from '../engine/outcome.js';
import { isSuccessful } from '../engine/outcome.js';
import { outgoingEdges } from '../graph/graph.js';
import { HandlerTypes } from '../graph/shapes.js';
import { getDurationMs, getInteger, getString, nodeHandlerType } from '../graph/values.js';
import { findJoinNode } from './find-join-node.js';
import type { Handler, HandlerInput, SubgraphResult } from './handler.js';

export const JOIN_POLICIES = ['wait_all', 'first_success', 'k_of_n', 'quorum'] as const;
export const ERROR_POLICIES = ['continue', 'fail_fast', 'ignore'] as const;
export const DEFAULT_MAX_PARALLEL = 4;

export interface BranchResult {
  readonly id: string;
  readonly status: StageStatus;
  readonly failure_reason?: string;
  readonly last_node?: string;
  readonly completed_nodes: readonly string[];
  readonly context_updates: Readonly<Record<string, unknown>>;
}

function toBranchResult(id: string, r: SubgraphResult): BranchResult {
  return {
    id,
    status: r.outcome.status,
    ...(r.outcome.failureReason ? { failure_reason: r.outcome.failureReason } : {}),
    ...(r.lastNode ? { last_node: r.lastNode } : {}),
    completed_nodes: r.completedNodes,
    context_updates: r.contextUpdates
  };
}

/** How many successes satisfy the join, for a policy and branch count. */
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
      return Math.min(total, Math.floor(total * (quorum ?? 0.5)) + 1);
    default:
      return total;
  }
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
    let successes = 0;
    let failures = 0;
    let stopReason: string | undefined;
    const cancelRest = (reason: string): void => {
      stopReason ??= reason;
      for (const c of controllers) if (!c.signal.aborted) c.abort(new Error(reason));
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const index = next++;
        const start = branches[index];
        const controller = controllers[index];
        if (start === undefined || controller === undefined) return;
        const branchStarted = input.clock.now();
        let timer: Promise<void> | undefined;
        const timerStop = new AbortController();
        if (branchTimeout !== undefined) {
          timer = input.clock.sleep(branchTimeout, timerStop.signal).then(
            () =>
              controller.abort(
                new Error(`branch timed out after ${branchTimeout} ms (branch_timeout)`)
              ),
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
          result = toBranchResult(start, r);
        } catch (error) {
          if (input.signal.aborted) throw error;
          result = {
            id: start,
            status: 'fail',
            failure_reason: errorMessage(error),
            completed_nodes: [],
            context_updates: {}
          };
        } finally {
          timerStop.abort();
          await timer;
        }
        results[index] = result;
        if (isSuccessful(result.status)) successes++;
        else failures++;
        input.emit({
          type: 'parallel.branch_completed',
          nodeId: node.id,
          branchId: start,
          status: result.status,
          durationMs: input.clock.now() - branchStarted
        });
        if (policy !== 'wait_all' && successes >= needed)
          cancelRest(`join policy ${policy} satisfied`);
        if (errorPolicy === 'fail_fast' && !isSuccessful(result.status))
          cancelRest(`branch '${start}' failed (error_policy=fail_fast)`);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(maxParallel, branches.length) }, () => worker())
    );
    input.engine.completeParallel(node.id);

    const finished = results.filter((r): r is BranchResult => r !== undefined);
    input.emit({
      type: 'parallel.completed',
      nodeId: node.id,
      successCount: successes,
      failureCount: failures,
      durationMs: input.clock.now() - started
    });

    const updates: Record<string, unknown> = {
      'parallel.results': finished,
      'parallel.branch_count': branches.length,
      'parallel.success_count': successes,
      'parallel.fail_count': failures
    };
    for (const r of finished) updates[`parallel.branch.${r.id}.status`] = r.status;
    const failedIds = finished.filter((r) => !isSuccessful(r.status)).map((r) => r.id);
    const summary = `${successes}/${branches.length} branches succeeded${failedIds.length ? `; failed: ${failedIds.join(', ')}` : ''}`;
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
