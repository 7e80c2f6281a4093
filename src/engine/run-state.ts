/**
 * Mutable bookkeeping of one run, and its projection to a Checkpoint. Only the engine mutates it.
 */
import type { Checkpoint, CheckpointNodeOutcome, PendingBranch, RunStatus } from './checkpoint.js';
import { CHECKPOINT_VERSION } from './checkpoint.js';
import { RunContext } from './context.js';
import type { Outcome } from './outcome.js';

export interface PipelineIdentity {
  readonly name: string;
  readonly file: string;
  readonly sha256: string;
}

export class RunState {
  readonly context: RunContext;
  readonly completed: string[] = [];
  readonly #completedSet = new Set<string>();
  readonly outcomes = new Map<string, CheckpointNodeOutcome>();
  readonly retries = new Map<string, number>();
  readonly visits = new Map<string, number>();
  /** parallel node id → branch start → state, for branches in flight. */
  readonly pendingParallel = new Map<string, Map<string, PendingBranch>>();
  currentNode = '';
  nextNode: string | undefined;
  currentAttempt: { node: string; attempt: number } | undefined;
  restartCount = 0;
  status: RunStatus = 'running';
  failureReason: string | undefined;

  constructor(
    readonly runId: string,
    readonly pipeline: PipelineIdentity,
    context?: RunContext
  ) {
    this.context = context ?? new RunContext();
  }

  static fromCheckpoint(checkpoint: Checkpoint, pipeline: PipelineIdentity): RunState {
    const state = new RunState(checkpoint.run_id, pipeline, new RunContext(checkpoint.context));
    for (const id of checkpoint.completed_nodes) state.markCompleted(id);
    for (const [id, o] of Object.entries(checkpoint.node_outcomes)) state.outcomes.set(id, o);
    for (const [id, n] of Object.entries(checkpoint.node_retries)) state.retries.set(id, n);
    for (const [id, n] of Object.entries(checkpoint.visits)) state.visits.set(id, n);
    state.currentNode = checkpoint.current_node;
    state.nextNode = checkpoint.next_node;
    state.currentAttempt = checkpoint.current_attempt;
    state.restartCount = checkpoint.restart_count;
    state.status = checkpoint.status;
    if (checkpoint.parallel) {
      state.pendingParallel.set(
        checkpoint.parallel.node,
        new Map(Object.entries(checkpoint.parallel.branches))
      );
    }
    return state;
  }

  markCompleted(nodeId: string): void {
    if (this.#completedSet.has(nodeId)) return;
    this.#completedSet.add(nodeId);
    this.completed.push(nodeId);
  }

  isCompleted(nodeId: string): boolean {
    return this.#completedSet.has(nodeId);
  }

  recordOutcome(nodeId: string, outcome: Outcome, attempts: number): void {
    this.outcomes.set(nodeId, {
      status: outcome.status,
      ...(outcome.notes ? { notes: outcome.notes } : {}),
      ...(outcome.failureReason ? { failure_reason: outcome.failureReason } : {}),
      ...(outcome.preferredLabel ? { preferred_label: outcome.preferredLabel } : {}),
      attempts
    });
    this.markCompleted(nodeId);
  }

  addRetry(nodeId: string): number {
    const n = (this.retries.get(nodeId) ?? 0) + 1;
    this.retries.set(nodeId, n);
    this.context.set(`internal.retry_count.${nodeId}`, n);
    return n;
  }

  addVisit(nodeId: string): number {
    const n = (this.visits.get(nodeId) ?? 0) + 1;
    this.visits.set(nodeId, n);
    return n;
  }

  /** Forgets everything but identity (loop_restart: a fresh run in a fresh directory). */
  resetForRestart(context: RunContext): void {
    this.completed.length = 0;
    this.#completedSet.clear();
    this.outcomes.clear();
    this.retries.clear();
    this.visits.clear();
    this.pendingParallel.clear();
    for (const key of [...this.context.keys()]) this.context.delete(key);
    this.context.apply(context.snapshot());
    this.currentNode = '';
    this.currentAttempt = undefined;
  }

  toCheckpoint(timestamp: string): Checkpoint {
    const record = <T>(m: ReadonlyMap<string, T>): Record<string, T> => {
      const out = Object.create(null) as Record<string, T>;
      for (const [k, v] of m) out[k] = v;
      return out;
    };
    const [parallelNode, branches] = [...this.pendingParallel][0] ?? [];
    return {
      version: CHECKPOINT_VERSION,
      run_id: this.runId,
      pipeline: this.pipeline,
      status: this.status,
      current_node: this.currentNode,
      ...(this.nextNode === undefined ? {} : { next_node: this.nextNode }),
      ...(this.currentAttempt === undefined ? {} : { current_attempt: this.currentAttempt }),
      completed_nodes: [...this.completed],
      node_outcomes: record(this.outcomes),
      node_retries: record(this.retries),
      visits: record(this.visits),
      context: this.context.snapshot(),
      ...(parallelNode !== undefined && branches
        ? { parallel: { node: parallelNode, branches: record(branches) } }
        : {}),
      restart_count: this.restartCount,
      ...(this.failureReason === undefined ? {} : { failure_reason: this.failureReason }),
      timestamp
    };
  }
}
