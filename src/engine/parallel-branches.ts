/**
 * Parallel bookkeeping: the branches a parallel handler starts through `EngineServices`, each walked on an
 * isolated copy of the calling walk's context, with its progress saved in the checkpoint under its
 * block's scope key, so a resume continues every branch where it was.
 */
import type { PendingBranch } from '../ports/checkpoint.js';
import type { SubgraphRequest, SubgraphResult } from './handler.js';
import { RunContext } from './context.js';
import { isSuccessful } from './outcome.js';
import type { RunSession } from './run-session.js';
import { walk } from './walk.js';
import type { AttemptSlot, Walker } from './walker.js';

/** A walker whose handlers may start branches scoped to it (`EngineServices`). */
export function newWalker(session: RunSession, fields: Omit<Walker, 'services'>): Walker {
  const w: Walker = {
    ...fields,
    services: {
      runSubgraph: (request) => runBranch(session, request, w),
      completeParallel: (nodeId) => {
        const key = parallelKey(w.scope, nodeId);
        for (const k of [...session.state.pendingParallel.keys()])
          if (k === key || k.startsWith(`${key}/`)) session.state.pendingParallel.delete(k);
      }
    }
  };
  return w;
}

/** The checkpoint key of parallel node `nodeId` run in walk scope `scope` (see PendingParallel). */
export function parallelKey(scope: string, nodeId: string): string {
  return scope === '' ? nodeId : `${scope}>${nodeId}`;
}

function resultOf(b: PendingBranch, context: RunContext): SubgraphResult {
  return {
    outcome: {
      status: b.status ?? 'success',
      ...(b.failure_reason ? { failureReason: b.failure_reason } : {}),
      ...(b.notes ? { notes: b.notes } : {})
    },
    ...(b.last_node ? { lastNode: b.last_node } : {}),
    completedNodes: b.completed_nodes,
    context: context.snapshot(),
    contextUpdates: b.context_updates,
    ...(b.cancelled ? { cancelled: true } : {})
  };
}

/**
 * Runs a parallel branch on an isolated copy of the calling walk's context, resuming it when the checkpoint
 * holds its progress. The branch's state is saved under its parallel block's scope key at every step:
 * the next node, the attempt in flight, the changed context keys, and the status of the last finished
 * node (so a branch that reached its join before the process died keeps its real status).
 */
async function runBranch(
  session: RunSession,
  request: SubgraphRequest,
  parent: Walker
): Promise<SubgraphResult> {
  const state = session.state;
  const [first] = request.branch.split('/');
  const parallelNode = first || request.branch;
  const key = parallelKey(parent.scope, parallelNode);
  let block = state.pendingParallel.get(key);
  if (!block) {
    block = { node: parallelNode, branches: new Map<string, PendingBranch>() };
    state.pendingParallel.set(key, block);
  }
  const branches = block.branches;
  const saved = branches.get(request.start);
  const base = parent.context.snapshot();
  const context = new RunContext(base);
  if (saved) {
    context.apply(saved.context_updates);
    for (const k of saved.context_removed ?? []) context.delete(k);
  }
  if (saved?.done) return resultOf(saved, context);

  let entry: PendingBranch = saved ?? {
    done: false,
    next_node: request.start,
    completed_nodes: [],
    context_updates: {}
  };
  const save = (patch: Partial<PendingBranch>): void => {
    const { updates, removed } = changedKeys(base, context.snapshot());
    entry = withoutUndefined({
      ...entry,
      context_updates: updates,
      context_removed: removed.length ? removed : undefined,
      ...patch
    });
    branches.set(request.start, entry);
  };
  save({});
  const attempts: AttemptSlot = {
    saved: (id) => (entry.current_attempt?.node === id ? entry.current_attempt.attempt : undefined),
    set: (node, attempt) => save({ current_attempt: { node, attempt } }),
    clear: () => save({ current_attempt: undefined })
  };
  const signal = parent.signal ? AbortSignal.any([request.signal, parent.signal]) : request.signal;
  const w = newWalker(session, {
    context,
    branch: request.branch,
    scope: `${key}/${request.start}`,
    stopAt: request.stopAt,
    signal,
    attempts,
    ...(saved?.status
      ? {
          resumedAt: {
            outcome: {
              status: saved.status,
              ...(saved.failure_reason ? { failureReason: saved.failure_reason } : {}),
              ...(saved.notes ? { notes: saved.notes } : {})
            },
            ...(saved.last_node ? { lastNode: saved.last_node } : {})
          }
        }
      : {}),
    onAdvance: (done, next, outcome) =>
      save({
        completed_nodes: [...entry.completed_nodes, done],
        next_node: next ?? entry.next_node,
        status: outcome.status,
        failure_reason: outcome.failureReason,
        notes: outcome.notes,
        last_node: done
      })
  });
  const end = await walk(session, entry.next_node ?? request.start, w);
  save({
    done: true,
    next_node: undefined,
    current_attempt: undefined,
    // Only a successful branch's changes are merged: the others need not be kept.
    ...(end.kind === 'cancelled' || !isSuccessful(end.outcome.status)
      ? { context_updates: {}, context_removed: undefined }
      : {}),
    status: end.outcome.status,
    failure_reason: end.outcome.failureReason,
    notes: end.outcome.notes,
    last_node: end.lastNode,
    cancelled: end.kind === 'cancelled' ? true : undefined
  });
  await session.checkpoint(end.lastNode ?? request.start);
  return resultOf(entry, context);
}

/** The keys `after` changed relative to `base` (with their values), and the keys it removed. */
function changedKeys(
  base: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>
): { updates: Record<string, unknown>; removed: string[] } {
  const updates: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(base[key]) !== JSON.stringify(after[key])) updates[key] = after[key];
  }
  return { updates, removed: Object.keys(base).filter((key) => !(key in after)) };
}

function withoutUndefined<T extends object>(value: T): T {
  const out = { ...value } as Record<string, unknown>;
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as T;
}
