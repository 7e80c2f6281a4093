/**
 * Mutable bookkeeping of one run, and its projection to a Checkpoint. Only the engine mutates it.
 */
import type {
  AttemptInFlight,
  Checkpoint,
  CheckpointNodeOutcome,
  PendingBranch,
  PendingParallel,
  RunStatus
} from '../ports/checkpoint.js';
import { CHECKPOINT_VERSION } from '../ports/checkpoint.js';
import { RunContext } from './context.js';
import type { Outcome } from '../ports/outcome.js';

export interface PipelineIdentity {
  readonly name: string;
  readonly file: string;
  readonly sha256: string;
}

/** Fragments joined into one flat chunk of `JoinedFragments` at a time. */
const CHUNK_FRAGMENTS = 64;

/**
 * JSON fragments by key, kept joined with `,`: a new key is appended, and only a change to an
 * existing key joins them all again, so a checkpoint write in a long chain does not re-serialize every
 * node run.
 *
 * The joined text is a few flat strings (chunks of CHUNK_FRAGMENTS fragments, each made by one
 * `join`), not one concatenation per fragment: the engine writes it out after every node, and
 * encoding a string built by thousands of `+` (a rope, one V8 cons-string per append) walks every
 * piece again each time — at node 1000 of a chain that walk cost 0.26 ms per checkpoint, more than
 * the file write. Flat chunks encode at memory-copy speed.
 */
class JoinedFragments {
  readonly #fragments = new Map<string, string>();
  /** The full chunks, joined (a concatenation of one flat string per chunk); undefined: stale. */
  #closed: string | undefined = '';
  /** Fragments appended since the last full chunk. */
  #open: string[] = [];
  #openJoined: string | undefined = '';

  set(key: string, fragment: string): void {
    const old = this.#fragments.get(key);
    if (old === fragment) return;
    this.#fragments.set(key, fragment);
    if (old !== undefined) {
      this.#closed = undefined;
      return;
    }
    if (this.#closed === undefined) return;
    this.#open.push(fragment);
    this.#openJoined = undefined;
    if (this.#open.length < CHUNK_FRAGMENTS) return;
    const chunk = this.#open.join(',');
    this.#closed = this.#closed === '' ? chunk : `${this.#closed},${chunk}`;
    this.#open = [];
    this.#openJoined = '';
  }

  clear(): void {
    this.#fragments.clear();
    this.#closed = '';
    this.#open = [];
    this.#openJoined = '';
  }

  get joined(): string {
    if (this.#closed === undefined) {
      this.#closed = [...this.#fragments.values()].join(',');
      this.#open = [];
      this.#openJoined = '';
    }
    this.#openJoined ??= this.#open.join(',');
    if (this.#openJoined === '') return this.#closed;
    return this.#closed === '' ? this.#openJoined : `${this.#closed},${this.#openJoined}`;
  }
}

export class RunState {
  readonly context: RunContext;
  readonly completed: string[] = [];
  readonly #completedSet = new Set<string>();
  readonly outcomes = new Map<string, CheckpointNodeOutcome>();
  readonly retries = new Map<string, number>();
  readonly visits = new Map<string, number>();
  /**
   * JSON fragments (`"id":value`) of the entries above, refreshed only when an entry changes, so writing a
   * checkpoint serializes what changed since the last one plus the context — not every node ever run.
   */
  readonly #fragments = {
    completed: new JoinedFragments(),
    outcomes: new JoinedFragments(),
    retries: new JoinedFragments(),
    visits: new JoinedFragments()
  };
  /**
   * Parallel blocks in flight, by scope key (`fork`, or `fork/b1>inner` for a block inside a branch):
   * the parallel node and its branches' state by branch start. Nested blocks are kept (and saved) too.
   */
  readonly pendingParallel = new Map<
    string,
    { readonly node: string; readonly branches: Map<string, PendingBranch> }
  >();
  readonly #branchJson = new WeakMap<PendingBranch, string>();
  /** `schedule="dependencies"`: the attempt of each node running concurrently. */
  readonly runningAttempts = new Map<string, number>();
  currentNode = '';
  nextNode: string | undefined;
  currentAttempt: AttemptInFlight | undefined;
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
    for (const [id, o] of Object.entries(checkpoint.node_outcomes)) state.#setOutcome(id, o);
    for (const [id, n] of Object.entries(checkpoint.node_retries))
      state.#setCount(state.retries, state.#fragments.retries, id, n);
    for (const [id, n] of Object.entries(checkpoint.visits))
      state.#setCount(state.visits, state.#fragments.visits, id, n);
    state.currentNode = checkpoint.current_node;
    state.nextNode = checkpoint.next_node;
    state.currentAttempt = checkpoint.current_attempt;
    state.restartCount = checkpoint.restart_count;
    state.status = checkpoint.status;
    for (const [key, block] of Object.entries(checkpoint.parallel ?? {}))
      state.pendingParallel.set(key, {
        node: block.node,
        branches: new Map(Object.entries(block.branches))
      });
    for (const [node, attempt] of Object.entries(checkpoint.running_attempts ?? {}))
      state.runningAttempts.set(node, attempt);
    return state;
  }

  markCompleted(nodeId: string): void {
    if (this.#completedSet.has(nodeId)) return;
    this.#completedSet.add(nodeId);
    this.completed.push(nodeId);
    this.#fragments.completed.set(nodeId, JSON.stringify(nodeId));
  }

  #setOutcome(nodeId: string, outcome: CheckpointNodeOutcome): void {
    this.outcomes.set(nodeId, outcome);
    this.#fragments.outcomes.set(nodeId, `${JSON.stringify(nodeId)}:${JSON.stringify(outcome)}`);
  }

  #setCount(map: Map<string, number>, fragments: JoinedFragments, nodeId: string, n: number): void {
    map.set(nodeId, n);
    fragments.set(nodeId, `${JSON.stringify(nodeId)}:${n}`);
  }

  isCompleted(nodeId: string): boolean {
    return this.#completedSet.has(nodeId);
  }

  recordOutcome(nodeId: string, outcome: Outcome, attempts: number): void {
    this.#setOutcome(nodeId, {
      status: outcome.status,
      ...(outcome.notes ? { notes: outcome.notes } : {}),
      ...(outcome.failureReason ? { failure_reason: outcome.failureReason } : {}),
      ...(outcome.preferredLabel ? { preferred_label: outcome.preferredLabel } : {}),
      attempts
    });
    this.markCompleted(nodeId);
  }

  /** Counts a retry; the caller mirrors it into the context the node runs in (`internal.retry_count.<id>`). */
  addRetry(nodeId: string): number {
    const n = (this.retries.get(nodeId) ?? 0) + 1;
    this.#setCount(this.retries, this.#fragments.retries, nodeId, n);
    return n;
  }

  addVisit(nodeId: string): number {
    const n = (this.visits.get(nodeId) ?? 0) + 1;
    this.#setCount(this.visits, this.#fragments.visits, nodeId, n);
    return n;
  }

  /** Forgets everything but identity (loop_restart: a fresh run in a fresh directory). */
  resetForRestart(context: RunContext): void {
    this.completed.length = 0;
    this.#completedSet.clear();
    this.outcomes.clear();
    this.retries.clear();
    this.visits.clear();
    this.#fragments.completed.clear();
    this.#fragments.outcomes.clear();
    this.#fragments.retries.clear();
    this.#fragments.visits.clear();
    this.pendingParallel.clear();
    this.runningAttempts.clear();
    for (const key of [...this.context.keys()]) this.context.delete(key);
    this.context.apply(context.snapshot());
    this.currentNode = '';
    this.currentAttempt = undefined;
  }

  /**
   * The checkpoint as JSON text — the same document as `JSON.stringify(this.toCheckpoint(timestamp))` —
   * assembled from cached fragments (see `#fragments`).
   */
  /** The checkpoint fields before `completed_nodes`, in document order. */
  #head(): Pick<
    Checkpoint,
    | 'version'
    | 'run_id'
    | 'pipeline'
    | 'status'
    | 'current_node'
    | 'next_node'
    | 'current_attempt'
    | 'running_attempts'
  > {
    const running = this.#runningRecord();
    return {
      version: CHECKPOINT_VERSION,
      run_id: this.runId,
      pipeline: this.pipeline,
      status: this.status,
      current_node: this.currentNode,
      ...(this.nextNode === undefined ? {} : { next_node: this.nextNode }),
      ...(this.currentAttempt === undefined ? {} : { current_attempt: this.currentAttempt }),
      ...(running ? { running_attempts: running } : {})
    };
  }

  serialize(timestamp: string): string {
    const object = (fragments: JoinedFragments): string => `{${fragments.joined}}`;
    const head: Record<string, unknown> = this.#head();
    const tail: Record<string, unknown> = {
      restart_count: this.restartCount,
      ...(this.failureReason === undefined ? {} : { failure_reason: this.failureReason }),
      timestamp
    };
    const headText = JSON.stringify(head);
    const tailText = JSON.stringify(tail);
    return (
      `${headText.slice(0, -1)},"completed_nodes":[${this.#fragments.completed.joined}]` +
      `,"node_outcomes":${object(this.#fragments.outcomes)}` +
      `,"node_retries":${object(this.#fragments.retries)}` +
      `,"visits":${object(this.#fragments.visits)}` +
      `,"context":${this.context.toJson()},${this.#parallelJson()}${tailText.slice(1)}\n`
    );
  }

  /**
   * `"parallel":{…},` (or nothing). Branch entries are immutable (the engine replaces an entry to change
   * it), so each one's JSON is cached by identity: a write while a block runs stringifies only the branches
   * that moved on, not every branch's saved context changes.
   */
  #parallelJson(): string {
    if (this.pendingParallel.size === 0) return '';
    const blocks: string[] = [];
    for (const [key, block] of this.pendingParallel) {
      const branches: string[] = [];
      for (const [start, entry] of block.branches) {
        let text = this.#branchJson.get(entry);
        if (text === undefined) {
          text = JSON.stringify(entry);
          this.#branchJson.set(entry, text);
        }
        branches.push(`${JSON.stringify(start)}:${text}`);
      }
      blocks.push(
        `${JSON.stringify(key)}:{"node":${JSON.stringify(block.node)},"branches":{${branches.join(',')}}}`
      );
    }
    return `"parallel":{${blocks.join(',')}},`;
  }

  /** Every parallel block in flight (nested ones included), or undefined when there is none. */
  #parallelRecord(): Record<string, PendingParallel> | undefined {
    if (this.pendingParallel.size === 0) return undefined;
    const out = Object.create(null) as Record<string, PendingParallel>;
    for (const [key, block] of this.pendingParallel)
      out[key] = { node: block.node, branches: Object.fromEntries(block.branches) };
    return out;
  }

  #runningRecord(): Record<string, number> | undefined {
    return this.runningAttempts.size === 0 ? undefined : Object.fromEntries(this.runningAttempts);
  }

  toCheckpoint(timestamp: string): Checkpoint {
    const record = <T>(m: ReadonlyMap<string, T>): Record<string, T> => {
      const out = Object.create(null) as Record<string, T>;
      for (const [k, v] of m) out[k] = v;
      return out;
    };
    const parallel = this.#parallelRecord();
    return {
      ...this.#head(),
      completed_nodes: [...this.completed],
      node_outcomes: record(this.outcomes),
      node_retries: record(this.retries),
      visits: record(this.visits),
      context: this.context.snapshot(),
      ...(parallel ? { parallel: structuredClone(parallel) } : {}),
      restart_count: this.restartCount,
      ...(this.failureReason === undefined ? {} : { failure_reason: this.failureReason }),
      timestamp
    };
  }
}
