/**
 * The execution engine (spec §3): walks the graph from the start node, runs each node's handler with its
 * retry policy, applies context updates, checkpoints after every transition and selects the next edge.
 * Pure orchestration: every effect goes through the ports in RunOptions.
 */
import { errorMessage, TrackerError } from '../common/errors.js';
import type { Graph, GraphEdge, GraphNode } from '../graph/graph.js';
import { outgoingEdges } from '../graph/graph.js';
import { HandlerTypes } from '../graph/shapes.js';
import { findStartNodes } from '../graph/terminals.js';
import { getBoolean, getInteger, getString, nodeHandlerType, nodeLabel } from '../graph/values.js';
import type { EngineServices, HandlerInput, SubgraphRequest, SubgraphResult } from './handler.js';
import { isBranchTimeout } from './handler.js';
import type { HandlerRegistry } from './registry.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import type { Clock, RandomSource } from '../ports/clock.js';
import type { EventSink } from '../ports/event-sink.js';
import type { RunStore } from '../ports/run-store.js';
import type { Checkpoint, PendingBranch } from '../ports/checkpoint.js';
import { RunContext } from './context.js';
import type { EdgeReason, EventPayload, FailedBranch } from '../ports/events.js';
import type { Outcome, StageStatus } from '../ports/outcome.js';
import { failure, isSuccessful, outcomeToStatusJson } from './outcome.js';
import { buildRetryPolicy, delayForAttempt } from './retry-policy.js';
import type { PipelineIdentity } from './run-state.js';
import { RunState } from './run-state.js';
import { selectEdge } from './select-edge.js';
import { conditionHolds } from './condition-cache.js';

export interface RunOptions {
  readonly registry: HandlerRegistry;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly runId: string;
  readonly runStore: RunStore;
  readonly checkpointStore: CheckpointStore;
  readonly events: EventSink;
  /** Identifies the pipeline source (a hash guards resume against a changed file). */
  readonly pipeline: PipelineIdentity;
  readonly signal?: AbortSignal;
  readonly resumeFrom?: Checkpoint;
  /** Seeds for the context (`--var key=value`). */
  readonly initialContext?: Readonly<Record<string, unknown>>;
  /** The run store for the n-th `loop_restart` (a fresh directory); defaults to the same store. */
  readonly restartRunStore?: (restart: number) => RunStore;
  /** Written into manifest.json. */
  readonly trackerVersion?: string;
  /** The absolute directory tool stages run in; written into manifest.json so a resume can reuse it. */
  readonly workdir?: string;
}

export type RunStatusResult = 'success' | 'fail' | 'stopped';

export interface RunResult {
  readonly status: RunStatusResult;
  readonly runId: string;
  readonly failureReason?: string;
  /** The node whose failure ended the run, or the node that was running when it stopped. */
  readonly failedNode?: string;
  readonly completedNodes: readonly string[];
  readonly checkpoint: Checkpoint;
  /** For a failed run: what resuming it will do, e.g. "re-runs 'build' with a fresh retry budget". */
  readonly resumeHint?: string;
}

/** Thrown inside the walk when the run's signal fires; caught by runPipeline. */
class StopSignal extends Error {
  constructor(readonly nodeId: string | undefined) {
    super('stopped');
  }
}

interface WalkEnd {
  /** `cancelled`: a branch walk whose signal fired (a join or error policy) before it finished. */
  readonly kind: 'exit' | 'stop_at' | 'restart' | 'dead_end' | 'failed' | 'cancelled';
  readonly outcome: Outcome;
  readonly lastNode?: string;
  /** For `stop_at`: the node the walk stopped before. */
  readonly stoppedBefore?: string;
}

/** Where a walk keeps the attempt of the node it is running, so a resume continues at that attempt. */
interface AttemptSlot {
  /** The attempt a checkpoint says `nodeId` had reached, if it was running when the run stopped. */
  saved(nodeId: string): number | undefined;
  set(nodeId: string, attempt: number): void;
  clear(nodeId: string): void;
}

interface Walker {
  readonly context: RunContext;
  /** Branch label for events (`fork/b1`). */
  readonly branch?: string;
  /** Checkpoint scope: '' for the main walk, `fork/b1` (or `fork/b1>inner/x`) for a branch. */
  readonly scope: string;
  readonly stopAt?: ReadonlySet<string>;
  /** Called after each node completes in a branch (to record branch progress). */
  readonly onAdvance?: (completedNode: string, next: string | undefined, outcome: Outcome) => void;
  /** A branch's own signal (cancelled by join/error policies); the run's signal always applies too. */
  readonly signal?: AbortSignal;
  /** Dependency scheduling: several nodes run at once. */
  readonly concurrent?: boolean;
  readonly attempts: AttemptSlot;
  /** A resumed branch: the outcome and node it had last finished (what it reports if it ends at once). */
  readonly resumedAt?: { readonly outcome: Outcome; readonly lastNode?: string };
}

const GRAPH_MIRROR_PREFIX = 'graph.';
/** Loop restarts allowed in one run when the graph sets no `max_restarts`. */
export const DEFAULT_MAX_RESTARTS = 5;

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
/** The failure summary shows this many last lines of each output file of a failed branch node. */
const FAILURE_TAIL_LINES = 10;
const FAILURE_TAIL_FILES = ['stderr.log', 'stdout.log'] as const;
/** …read from at most this many trailing bytes (the logs can be any size). */
export const FAILURE_TAIL_BYTES = 16 * 1024;

function mirrorGraphAttributes(graph: Graph, context: RunContext): void {
  for (const [key, value] of graph.attrs) context.set(GRAPH_MIRROR_PREFIX + key, value.value);
  if (!graph.attrs.has('goal')) context.set('graph.goal', '');
}

function isExitNode(node: GraphNode): boolean {
  return nodeHandlerType(node) === HandlerTypes.Exit;
}

export async function runPipeline(graph: Graph, options: RunOptions): Promise<RunResult> {
  return new Engine(graph, options).run();
}

class Engine {
  readonly #graph: Graph;
  readonly #o: RunOptions;
  readonly #state: RunState;
  readonly #signal: AbortSignal;
  #runStore: RunStore;
  #saveChain: Promise<void> = Promise.resolve();
  /** This run resumes one that had failed: the nodes it re-runs get a fresh retry budget. */
  #resumedAfterFailure = false;
  readonly #startedAt: number;

  constructor(graph: Graph, options: RunOptions) {
    this.#graph = graph;
    this.#o = options;
    this.#signal = options.signal ?? new AbortController().signal;
    this.#runStore = options.runStore;
    this.#startedAt = options.clock.now();
    if (options.resumeFrom) {
      this.#state = RunState.fromCheckpoint(options.resumeFrom, options.pipeline);
      mirrorGraphAttributes(graph, this.#state.context);
    } else {
      this.#state = new RunState(options.runId, options.pipeline);
      mirrorGraphAttributes(graph, this.#state.context);
      if (options.initialContext) this.#state.context.apply(options.initialContext);
    }
  }

  #emit(payload: EventPayload): void {
    this.#o.events.emit({
      ...payload,
      ts: this.#o.clock.now(),
      runId: this.#state.runId
    });
  }

  #iso(): string {
    return new Date(this.#o.clock.now()).toISOString();
  }

  /** Snapshots the state now and writes it after any earlier write (writes never reorder). */
  async #checkpoint(nodeId: string): Promise<void> {
    const text = this.#state.serialize(this.#iso());
    const write = this.#saveChain.then(() => this.#o.checkpointStore.save(text));
    this.#saveChain = write.catch(() => undefined);
    await write;
    if (this.#state.restartCount > 0) await this.#runStore.writeRunFile('checkpoint.json', text);
    const next = this.#state.nextNode;
    this.#emit({ type: 'checkpoint.saved', nodeId, ...(next ? { nextNode: next } : {}) });
  }

  async run(): Promise<RunResult> {
    const resumed = this.#o.resumeFrom !== undefined;
    this.#emit({
      type: 'pipeline.started',
      pipeline: this.#graph.name,
      goal: getString(this.#graph.attrs, 'goal') ?? '',
      runDir: this.#runStore.runDir,
      resumed,
      nodeCount: this.#graph.nodes.size
    });
    if (!resumed) await this.#writeManifest();

    const dependencies = getString(this.#graph.attrs, 'schedule') === 'dependencies';
    let start = this.#state.nextNode;
    this.#resumedAfterFailure = resumed && this.#state.status === 'fail';
    if (this.#resumedAfterFailure && !dependencies && start !== undefined) {
      start = this.#resumeTarget(start) ?? start;
      this.#state.nextNode = start;
      this.#grantFreshRetryBudget(start);
    }
    if (!resumed || start === undefined) {
      if (resumed && this.#state.status === 'success') return this.#finish('success', undefined);
      const starts = findStartNodes(this.#graph);
      const first = starts[0];
      if (starts.length !== 1 || first === undefined) {
        throw new TrackerError(
          'PIPELINE_INVALID',
          `Pipeline needs exactly one start node (shape=Mdiamond); found ${starts.length}.`
        );
      }
      start = first.id;
    }
    this.#state.status = 'running';
    this.#state.failureReason = undefined;

    try {
      if (dependencies) return await this.#runDependencies(start);
      for (;;) {
        const end = await this.#walk(start, {
          context: this.#state.context,
          scope: '',
          attempts: this.#mainAttempts
        });
        if (end.kind === 'failed')
          return this.#finish('fail', end.outcome.failureReason ?? 'stage failed', end.lastNode);
        if (end.kind === 'restart' && end.stoppedBefore !== undefined) {
          const limit = this.#restartLimitReason(end.lastNode, end.stoppedBefore);
          if (limit !== undefined) return this.#finish('fail', limit, end.lastNode);
          start = await this.#restart(end.stoppedBefore);
          continue;
        }
        if (end.kind === 'dead_end' && end.outcome.status === 'fail') {
          return this.#finish('fail', end.outcome.failureReason ?? 'stage failed', end.lastNode);
        }
        return this.#finish('success', undefined);
      }
    } catch (error) {
      if (error instanceof StopSignal) return this.#stopped(error.nodeId);
      throw error;
    }
  }

  async #writeManifest(): Promise<void> {
    const manifest = {
      name: this.#graph.name,
      label: getString(this.#graph.attrs, 'label') ?? '',
      goal: getString(this.#graph.attrs, 'goal') ?? '',
      run_id: this.#state.runId,
      pipeline_file: this.#o.pipeline.file,
      pipeline_sha256: this.#o.pipeline.sha256,
      start_time: this.#iso(),
      tracker_version: this.#o.trackerVersion ?? 'unknown',
      ...(this.#o.workdir === undefined ? {} : { workdir: this.#o.workdir })
    };
    await this.#runStore.writeRunFile('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  }

  async #finish(
    status: 'success' | 'fail',
    reason: string | undefined,
    failedNode?: string,
    resumeHint?: string
  ): Promise<RunResult> {
    this.#state.status = status;
    this.#state.failureReason = reason;
    if (status === 'success') {
      this.#state.nextNode = undefined;
      this.#state.currentAttempt = undefined;
    }
    await this.#checkpoint(failedNode ?? this.#state.currentNode);
    await Promise.all([this.#o.checkpointStore.flush?.(), this.#runStore.flush()]);
    const durationMs = this.#o.clock.now() - this.#startedAt;
    if (status === 'success') {
      this.#emit({
        type: 'pipeline.completed',
        durationMs,
        completedNodes: this.#state.completed.length
      });
    } else {
      const failedBranches = failedNode ? await this.#failedBranches(failedNode) : [];
      this.#emit({
        type: 'pipeline.failed',
        durationMs,
        reason: reason ?? 'failed',
        ...(failedNode ? { nodeId: failedNode } : {}),
        ...(failedBranches.length ? { failedBranches } : {})
      });
    }
    const hint = status === 'fail' ? (resumeHint ?? this.#walkResumeHint()) : undefined;
    return { ...this.#result(status, reason, failedNode), ...(hint ? { resumeHint: hint } : {}) };
  }

  /** What resuming a failed edge-scheduled run does: see #resumeTarget. */
  #walkResumeHint(): string | undefined {
    const next = this.#state.nextNode;
    const target = this.#resumeTarget(next);
    if (target === undefined) return undefined;
    return target === next
      ? `re-runs '${target}' with a fresh retry budget`
      : `re-runs goal gate '${target}' with a fresh retry budget and continues from there`;
  }

  /**
   * Where resuming a failed edge-scheduled run starts: the node it failed at — except when it failed at the
   * exit on a goal gate that has no retry target, which would only fail again: then the first unsatisfied gate.
   */
  #resumeTarget(next: string | undefined): string | undefined {
    const node = next === undefined ? undefined : this.#graph.nodes.get(next);
    if (!node || !isExitNode(node)) return next;
    const [first] = this.#unsatisfiedGates();
    if (first === undefined || this.#retryTargetFor(first[0]) !== undefined) return next;
    return first[0];
  }

  /**
   * Resuming a failed run gives the node it re-runs a fresh retry budget (attempt 1 of max_retries+1; the
   * checkpoint's node_retries keeps counting the run's retries). A stopped run keeps its attempt instead.
   */
  #grantFreshRetryBudget(nodeId: string): void {
    const node = this.#graph.nodes.get(nodeId);
    if (!node) return;
    this.#state.currentAttempt = { node: nodeId, attempt: 1 };
    this.#announceFreshRetryBudget(node);
  }

  #announceFreshRetryBudget(node: GraphNode): void {
    const nodeId = node.id;
    const max = buildRetryPolicy(node, this.#graph).maxAttempts;
    this.#emit({
      type: 'warning',
      nodeId,
      message: `resuming a failed run: '${nodeId}' runs again with a fresh retry budget (attempt 1 of ${max})`
    });
  }

  /**
   * When the run failed at a parallel or fan-in node, the branches that failed behind it — their failing
   * node, its reason and the last lines of its output — so the failure summary can show them (the parallel
   * node itself has no output of its own). Read from `parallel.results`, so it holds after a resume too.
   */
  async #failedBranches(nodeId: string): Promise<FailedBranch[]> {
    const node = this.#graph.nodes.get(nodeId);
    const type = node ? this.#o.registry.resolveType(node) : undefined;
    if (type !== HandlerTypes.Parallel && type !== HandlerTypes.FanIn) return [];
    const raw = this.#state.context.get('parallel.results');
    if (!Array.isArray(raw)) return [];
    const out: FailedBranch[] = [];
    for (const r of raw as unknown[]) {
      if (typeof r !== 'object' || r === null) continue;
      const { id, status, last_node: last, failure_reason: why } = r as Record<string, unknown>;
      if (typeof id !== 'string' || (status !== 'fail' && status !== 'retry')) continue;
      const failing = typeof last === 'string' ? last : undefined;
      const recorded = failing ? this.#state.outcomes.get(failing)?.failure_reason : undefined;
      const reason = recorded ?? (typeof why === 'string' ? why : undefined);
      const output: { file: string; lines: string[] }[] = [];
      for (const file of failing ? FAILURE_TAIL_FILES : []) {
        const text = await this.#runStore
          .readStageFileTail(failing as string, file, FAILURE_TAIL_BYTES)
          .catch(() => undefined);
        if (text && text.trim() !== '')
          output.push({ file, lines: text.trimEnd().split('\n').slice(-FAILURE_TAIL_LINES) });
      }
      out.push({
        branch: id,
        ...(failing ? { nodeId: failing } : {}),
        ...(reason ? { reason } : {}),
        ...(output.length ? { output } : {})
      });
    }
    return out;
  }

  async #stopped(nodeId: string | undefined): Promise<RunResult> {
    this.#state.status = 'stopped';
    const reason = 'stopped by signal';
    this.#state.failureReason = reason;
    await this.#checkpoint(nodeId ?? this.#state.currentNode);
    await Promise.all([this.#o.checkpointStore.flush?.(), this.#runStore.flush()]);
    this.#emit({
      type: 'pipeline.stopped',
      durationMs: this.#o.clock.now() - this.#startedAt,
      reason,
      ...(nodeId ? { nodeId } : {})
    });
    return this.#result('stopped', reason, nodeId);
  }

  #result(
    status: RunStatusResult,
    reason: string | undefined,
    failedNode: string | undefined
  ): RunResult {
    return {
      status,
      runId: this.#state.runId,
      ...(reason === undefined ? {} : { failureReason: reason }),
      ...(failedNode === undefined ? {} : { failedNode }),
      completedNodes: [...this.#state.completed],
      checkpoint: this.#state.toCheckpoint(this.#iso())
    };
  }

  /** The failure reason when one more loop_restart would exceed the graph's `max_restarts` (default 5). */
  #restartLimitReason(from: string | undefined, to: string): string | undefined {
    const max = Math.max(0, getInteger(this.#graph.attrs, 'max_restarts') ?? DEFAULT_MAX_RESTARTS);
    if (this.#state.restartCount < max) return undefined;
    return (
      `Edge '${from ?? '?'}' -> '${to}' (loop_restart=true) would restart the run a ${ordinal(this.#state.restartCount + 1)} time, ` +
      `but the graph allows max_restarts=${max}. Raise max_restarts on the graph, or give the loop a condition that leaves it.`
    );
  }

  /** loop_restart (spec §2.7): a fresh context and a fresh run directory, continuing at `target`. */
  async #restart(target: string): Promise<string> {
    this.#state.restartCount += 1;
    const n = this.#state.restartCount;
    const fresh = new RunContext();
    mirrorGraphAttributes(this.#graph, fresh);
    if (this.#o.initialContext) fresh.apply(this.#o.initialContext);
    this.#state.resetForRestart(fresh);
    this.#state.nextNode = target;
    if (this.#o.restartRunStore) {
      await this.#runStore.flush();
      this.#runStore = this.#o.restartRunStore(n);
    }
    this.#emit({ type: 'loop.restarted', restart: n, target });
    await this.#checkpoint(target);
    return target;
  }

  /** The main walk's in-flight attempt is the checkpoint's `current_attempt`. */
  readonly #mainAttempts: AttemptSlot = {
    saved: (id) =>
      this.#state.currentAttempt?.node === id ? this.#state.currentAttempt.attempt : undefined,
    set: (node, attempt) => {
      this.#state.currentAttempt = { node, attempt };
    },
    clear: () => undefined
  };

  /** Nodes running concurrently (`schedule="dependencies"`) keep theirs in `running_attempts`. */
  readonly #concurrentAttempts: AttemptSlot = {
    saved: (id) => this.#state.runningAttempts.get(id),
    set: (id, attempt) => {
      this.#state.runningAttempts.set(id, attempt);
    },
    clear: (id) => {
      this.#state.runningAttempts.delete(id);
    }
  };

  /** Why a branch walk was interrupted by its own signal (not the run's): cancelled, or timed out. */
  #interruption(w: Walker): { readonly timeout: boolean; readonly message: string } | undefined {
    if (!w.signal?.aborted || this.#signal.aborted) return undefined;
    const reason: unknown = w.signal.reason;
    return { timeout: isBranchTimeout(reason), message: errorMessage(reason) };
  }

  #throwIfStopped(nodeId: string | undefined): void {
    if (this.#signal.aborted) throw new StopSignal(nodeId);
  }

  /**
   * Runs nodes from `start` until the exit, a stop node, a dead end or an unrouted failure. The main walk
   * and every parallel branch use this same loop.
   */
  async #walk(start: string, w: Walker): Promise<WalkEnd> {
    let current = start;
    let lastOutcome: Outcome = w.resumedAt?.outcome ?? { status: 'success' };
    let lastNode: string | undefined = w.resumedAt?.lastNode;
    let arrivedVia: GraphEdge | undefined;
    const isMain = w.branch === undefined;
    for (;;) {
      this.#throwIfStopped(current);
      // A branch that has reached its join is done, even if its siblings' policy cancels it just now.
      if (w.stopAt?.has(current))
        return {
          kind: 'stop_at',
          outcome: lastOutcome,
          stoppedBefore: current,
          ...(lastNode ? { lastNode } : {})
        };
      const interrupted = this.#interruption(w);
      if (interrupted) return this.#interruptedEnd(interrupted, lastNode);
      const node = this.#graph.nodes.get(current);
      if (!node) {
        return {
          kind: 'failed',
          outcome: failure(`Edge target '${current}' is not a node of the pipeline.`),
          ...(lastNode ? { lastNode } : {})
        };
      }

      if (isExitNode(node)) {
        if (!isMain)
          return {
            kind: 'stop_at',
            outcome: lastOutcome,
            stoppedBefore: current,
            ...(lastNode ? { lastNode } : {})
          };
        const redirect = this.#checkGoalGates();
        if (redirect === 'fail') {
          const reason = this.#unsatisfiedGateReason();
          return { kind: 'failed', outcome: failure(reason), lastNode: current };
        }
        if (redirect !== undefined) {
          this.#emitEdge(current, redirect.target, redirect.reason, w);
          current = redirect.target;
          arrivedVia = undefined;
          this.#state.nextNode = current;
          continue;
        }
      }

      const maxVisits =
        getInteger(node.attrs, 'max_visits') ?? getInteger(this.#graph.attrs, 'default_max_visits');
      const visits = this.#state.visits.get(current) ?? 0;
      const resuming = w.attempts.saved(current) !== undefined;
      if (maxVisits !== undefined && maxVisits > 0 && visits >= maxVisits && !resuming) {
        const outcome = failure(
          `Node '${current}' exceeded max_visits=${maxVisits} (it ran ${visits} times). Raise max_visits or add a condition that leaves the loop.`
        );
        return { kind: 'failed', outcome, lastNode: current };
      }

      if (isMain) this.#state.nextNode = current;
      const outcome = await this.#executeNode(node, w, arrivedVia);
      const interruptedNow = this.#interruption(w);
      if (interruptedNow)
        return this.#interruptedEnd(
          interruptedNow,
          interruptedNow.timeout ? current : lastNode,
          interruptedNow.timeout ? outcome : undefined
        );
      lastOutcome = outcome;
      lastNode = current;

      if (isExitNode(node)) {
        if (isMain) this.#state.currentNode = current;
        return { kind: 'exit', outcome, lastNode: current };
      }

      const next = this.#route(node, outcome, w);
      if (next === undefined) {
        if (isMain) {
          this.#state.currentNode = current;
          this.#state.nextNode = outcome.status === 'fail' ? current : undefined;
          if (outcome.status === 'fail') {
            return {
              kind: 'failed',
              outcome: failure(this.#failureText(node, outcome)),
              lastNode: current
            };
          }
        }
        w.onAdvance?.(current, undefined, outcome);
        return {
          kind: outcome.status === 'fail' ? 'failed' : 'dead_end',
          outcome,
          lastNode: current
        };
      }
      if (next.restart && isMain) {
        this.#state.currentNode = current;
        return { kind: 'restart', outcome, stoppedBefore: next.to, lastNode: current };
      }
      if (isMain) {
        this.#state.currentNode = current;
        this.#state.nextNode = next.to;
        this.#state.currentAttempt = undefined;
        await this.#checkpoint(current);
      } else {
        w.onAdvance?.(current, next.to, outcome);
        // A branch that has reached its join ends right here, and runSubgraph checkpoints that end
        // without awaiting anything in between: one write then stands for both transitions.
        if (!w.stopAt?.has(next.to)) await this.#checkpoint(current);
      }
      current = next.to;
      arrivedVia = next.edge;
    }
  }

  /** The end of a branch walk whose signal fired: a timeout fails the branch, anything else cancels it. */
  #interruptedEnd(
    why: { readonly timeout: boolean; readonly message: string },
    lastNode: string | undefined,
    outcome?: Outcome
  ): WalkEnd {
    return why.timeout
      ? {
          kind: 'failed',
          outcome: outcome ?? failure(why.message, { retryable: false }),
          ...(lastNode ? { lastNode } : {})
        }
      : {
          kind: 'cancelled',
          outcome: { status: 'skipped', notes: `branch cancelled: ${why.message}` },
          ...(lastNode ? { lastNode } : {})
        };
  }

  #failureText(node: GraphNode, outcome: Outcome): string {
    const reason = outcome.failureReason ?? 'failed';
    // A failed stage only follows matching conditions (docs/decisions/0002), so a failing goal gate stops the
    // run here instead of at the exit's goal-gate check: say so, or the gate is never mentioned.
    const gate =
      getBoolean(node.attrs, 'goal_gate') === true
        ? `; it is a goal gate (goal_gate=true), so the pipeline cannot succeed without it`
        : '';
    return `Stage '${node.id}' failed: ${reason}${gate}`;
  }

  #emitEdge(
    from: string,
    to: string,
    reason: EdgeReason,
    w: Walker,
    label?: string,
    condition?: string
  ): void {
    this.#emit({
      type: 'edge.selected',
      nodeId: from,
      to,
      reason,
      ...(w.branch ? { branch: w.branch } : {}),
      ...(label ? { label } : {}),
      ...(condition ? { condition } : {})
    });
  }

  /** Chooses where to go after a node (spec §3.3 and failure routing §3.7). */
  #route(
    node: GraphNode,
    outcome: Outcome,
    w: Walker
  ): { to: string; restart: boolean; edge?: GraphEdge } | undefined {
    const failed = outcome.status === 'fail';
    if (outcome.continueAt !== undefined && !failed) {
      this.#emitEdge(node.id, outcome.continueAt, 'continue_at', w);
      return { to: outcome.continueAt, restart: false };
    }
    const choice = selectEdge(this.#graph, node.id, outcome, w.context, {
      onlyConditional: failed
    });
    if (choice) {
      const e = choice.edge;
      this.#emitEdge(
        node.id,
        e.to,
        choice.reason,
        w,
        e.attrs.get('label')?.value,
        e.attrs.get('condition')?.value
      );
      return { to: e.to, restart: getBoolean(e.attrs, 'loop_restart') === true, edge: e };
    }
    if (!failed) return undefined;
    // A failure may flow into a conditional (diamond) node: it exists to route on the outcome.
    const router = outgoingEdges(this.#graph, node.id).find((e) => {
      const target = this.#graph.nodes.get(e.to);
      return (
        (e.attrs.get('condition')?.value.trim() ?? '') === '' &&
        target !== undefined &&
        nodeHandlerType(target) === HandlerTypes.Conditional
      );
    });
    if (router) {
      this.#emitEdge(node.id, router.to, 'condition', w, router.attrs.get('label')?.value);
      return { to: router.to, restart: false, edge: router };
    }
    for (const [attr, reason] of [
      ['retry_target', 'retry_target'],
      ['fallback_retry_target', 'fallback_retry_target']
    ] as const) {
      const target = getString(node.attrs, attr);
      if (target && this.#graph.nodes.has(target)) {
        this.#emitEdge(node.id, target, reason, w);
        return { to: target, restart: false };
      }
    }
    return undefined;
  }

  /** Goal gates (spec §3.4): undefined = satisfied; a redirect; or 'fail' when nothing can retry. */
  #checkGoalGates(): { target: string; reason: EdgeReason } | 'fail' | undefined {
    for (const [id, recorded] of this.#state.outcomes) {
      const node = this.#graph.nodes.get(id);
      if (!node || getBoolean(node.attrs, 'goal_gate') !== true) continue;
      if (isSuccessful(recorded.status)) continue;
      const target = this.#retryTargetFor(id);
      this.#emit({
        type: 'goal_gate.unsatisfied',
        nodeId: id,
        status: recorded.status,
        ...(target ? { retryTarget: target } : {})
      });
      return target ? { target, reason: 'goal_gate' } : 'fail';
    }
    return undefined;
  }

  /** A goal gate's retry target: its own retry_target/fallback_retry_target, else the graph's. */
  #retryTargetFor(gate: string): string | undefined {
    const node = this.#graph.nodes.get(gate);
    const candidates = [
      node ? getString(node.attrs, 'retry_target') : undefined,
      node ? getString(node.attrs, 'fallback_retry_target') : undefined,
      getString(this.#graph.attrs, 'retry_target'),
      getString(this.#graph.attrs, 'fallback_retry_target')
    ];
    return candidates.find((t) => t !== undefined && t !== '' && this.#graph.nodes.has(t));
  }

  /** Goal gates (goal_gate=true) whose recorded outcome is not a success, in the order they ran. */
  #unsatisfiedGates(options: { ignoreSkipped?: boolean } = {}): [string, StageStatus][] {
    return [...this.#state.outcomes]
      .filter(([id, o]) => {
        const node = this.#graph.nodes.get(id);
        return (
          node !== undefined &&
          getBoolean(node.attrs, 'goal_gate') === true &&
          !isSuccessful(o.status) &&
          !(options.ignoreSkipped === true && o.status === 'skipped')
        );
      })
      .map(([id, o]) => [id, o.status]);
  }

  #unsatisfiedGateReason(): string {
    const gates = this.#unsatisfiedGates().map(([id, status]) => `'${id}' (${status})`);
    return `Goal gate unsatisfied: ${gates.join(', ')} did not succeed and no retry_target is set. Add retry_target to the node or the graph.`;
  }

  /** Runs one node with its retry policy (spec §3.5; FAIL is retried too, see docs/decisions). */
  async #executeNode(
    node: GraphNode,
    w: Walker,
    incomingEdge: GraphEdge | undefined
  ): Promise<Outcome> {
    const handlerType = this.#o.registry.resolveType(node);
    const handler = handlerType === undefined ? undefined : this.#o.registry.get(handlerType);
    const typeName = handlerType ?? nodeHandlerType(node);
    const policy = buildRetryPolicy(node, this.#graph);
    let attempt = 1;
    const saved = w.attempts.saved(node.id);
    if (saved !== undefined) attempt = Math.max(1, Math.min(saved, policy.maxAttempts));
    else this.#state.addVisit(node.id);
    w.attempts.set(node.id, attempt);
    const signal = w.signal ? AbortSignal.any([this.#signal, w.signal]) : this.#signal;

    for (;;) {
      await this.#o.clock.yieldToEventLoop?.();
      this.#throwIfStopped(node.id);
      const before = this.#interruption(w);
      if (before) return this.#interruptedStage(node, typeName, attempt, undefined, before, w);
      w.context.set('current_node', node.id);
      const startedAt = this.#o.clock.now();
      this.#emit({
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
          outcome = await handler.execute(this.#handlerInput(node, w, attempt, incomingEdge));
        } catch (error) {
          if (this.#signal.aborted) throw new StopSignal(node.id);
          outcome = failure(`Handler '${typeName}' threw: ${errorMessage(error)}`);
        }
      }
      if (this.#signal.aborted) throw new StopSignal(node.id);
      const durationMs = this.#o.clock.now() - startedAt;
      const interrupted = this.#interruption(w);
      if (interrupted)
        return this.#interruptedStage(node, typeName, attempt, durationMs, interrupted, w);
      this.#emitCompleted(node, typeName, outcome, attempt, durationMs, w);

      const wantsRetry = outcome.status === 'retry' || outcome.status === 'fail';
      if (wantsRetry && outcome.retryable !== false && attempt < policy.maxAttempts) {
        const delayMs = Math.max(
          outcome.retryAfterMs ?? 0,
          delayForAttempt(attempt, policy.backoff, this.#o.random)
        );
        const retries = this.#state.addRetry(node.id);
        w.context.set(`internal.retry_count.${node.id}`, retries);
        attempt += 1;
        // Checkpoint before every retry, wherever the node runs, so a resume continues at this attempt.
        w.attempts.set(node.id, attempt);
        await this.#checkpoint(node.id);
        this.#emit({
          type: 'stage.retrying',
          nodeId: node.id,
          attempt,
          maxAttempts: policy.maxAttempts,
          delayMs,
          reason: outcome.failureReason ?? outcome.status,
          ...(w.branch ? { branch: w.branch } : {})
        });
        try {
          await this.#o.clock.sleep(delayMs, signal);
        } catch {
          if (this.#signal.aborted) throw new StopSignal(node.id);
        }
        continue;
      }
      if (outcome.status === 'retry') {
        outcome =
          getBoolean(node.attrs, 'allow_partial') === true
            ? {
                ...outcome,
                status: 'partial_success',
                notes: 'retries exhausted, partial accepted'
              }
            : {
                ...outcome,
                status: 'fail',
                failureReason: `max retries exceeded (${policy.maxAttempts} attempts): ${outcome.failureReason ?? 'stage asked to retry'}`
              };
      }
      await this.#record(node, outcome, attempt, w);
      w.attempts.clear(node.id);
      return outcome;
    }
  }

  /**
   * A node of a branch whose signal fired while it ran (or waited to retry). A cancelled branch's node is
   * reported as skipped — "branch cancelled: <why>", not a failure and not recorded as completed, so the
   * run's outcome does not count it; a timed-out branch's node failed (recorded, never retried).
   */
  async #interruptedStage(
    node: GraphNode,
    typeName: string,
    attempt: number,
    durationMs: number | undefined,
    why: { readonly timeout: boolean; readonly message: string },
    w: Walker
  ): Promise<Outcome> {
    const outcome: Outcome = why.timeout
      ? failure(why.message, { retryable: false })
      : { status: 'skipped', notes: `branch cancelled: ${why.message}` };
    // durationMs is undefined when the node was waiting to retry: that attempt never started.
    if (durationMs !== undefined)
      this.#emitCompleted(node, typeName, outcome, attempt, durationMs, w);
    if (why.timeout) await this.#record(node, outcome, attempt, w);
    w.attempts.clear(node.id);
    return outcome;
  }

  #emitCompleted(
    node: GraphNode,
    handlerType: string,
    outcome: Outcome,
    attempt: number,
    durationMs: number,
    w: Walker
  ): void {
    this.#emit({
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

  async #record(node: GraphNode, outcome: Outcome, attempts: number, w: Walker): Promise<void> {
    this.#state.recordOutcome(node.id, outcome, attempts);
    if (outcome.contextUpdates) w.context.apply(outcome.contextUpdates);
    w.context.set('outcome', outcome.status);
    if (outcome.preferredLabel) w.context.set('preferred_label', outcome.preferredLabel);
    if (!outcome.autoStatus) {
      // Nothing reads status.json back during the run (the checkpoint holds the outcome), so it is
      // written in the background; the run's flush waits for it.
      await this.#runStore.writeStageFile(
        node.id,
        'status.json',
        JSON.stringify(outcomeToStatusJson(outcome), null, 2) + '\n',
        { background: true }
      );
    }
  }

  #handlerInput(
    node: GraphNode,
    w: Walker,
    attempt: number,
    incomingEdge: GraphEdge | undefined
  ): HandlerInput {
    return {
      ...(incomingEdge ? { incomingEdge } : {}),
      node,
      graph: this.#graph,
      context: w.context,
      runId: this.#state.runId,
      attempt,
      runStore: this.#runStore,
      clock: this.#o.clock,
      signal: w.signal ? AbortSignal.any([this.#signal, w.signal]) : this.#signal,
      ...(w.branch ? { branch: w.branch } : {}),
      emit: (payload) =>
        this.#emit({
          ...payload,
          ...(w.branch && 'nodeId' in payload ? { branch: w.branch } : {})
        }),
      engine: this.#services(w)
    };
  }

  /** EngineServices for handlers running in walk `w`: branches they start are scoped to it. */
  #services(w: Walker): EngineServices {
    return {
      runSubgraph: (request) => this.#runBranch(request, w),
      completeParallel: (nodeId) => {
        const key = parallelKey(w.scope, nodeId);
        for (const k of [...this.#state.pendingParallel.keys()])
          if (k === key || k.startsWith(`${key}/`)) this.#state.pendingParallel.delete(k);
      }
    };
  }

  /**
   * Runs a parallel branch on an isolated copy of the calling walk's context, resuming it when the checkpoint
   * holds its progress. The branch's state is saved under its parallel block's scope key at every step:
   * the next node, the attempt in flight, the changed context keys, and the status of the last finished
   * node (so a branch that reached its join before the process died keeps its real status).
   */
  async #runBranch(request: SubgraphRequest, parent: Walker): Promise<SubgraphResult> {
    const [first] = request.branch.split('/');
    const parallelNode = first || request.branch;
    const key = parallelKey(parent.scope, parallelNode);
    let block = this.#state.pendingParallel.get(key);
    if (!block) {
      block = { node: parallelNode, branches: new Map<string, PendingBranch>() };
      this.#state.pendingParallel.set(key, block);
    }
    const branches = block.branches;
    const saved = branches.get(request.start);
    const base = parent.context.snapshot();
    const resultOf = (b: PendingBranch, context: RunContext): SubgraphResult => ({
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
    });
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
    const scope = `${key}/${request.start}`;
    const attempts: AttemptSlot = {
      saved: (id) =>
        entry.current_attempt?.node === id ? entry.current_attempt.attempt : undefined,
      set: (node, attempt) => save({ current_attempt: { node, attempt } }),
      clear: () => save({ current_attempt: undefined })
    };
    const signal = parent.signal
      ? AbortSignal.any([request.signal, parent.signal])
      : request.signal;
    const end = await this.#walk(entry.next_node ?? request.start, {
      context,
      branch: request.branch,
      scope,
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
    await this.#checkpoint(end.lastNode ?? request.start);
    return resultOf(entry, context);
  }

  /**
   * `schedule="dependencies"` (docs/attractor.md, "Dependency scheduling"): runs the graph like a build tool.
   * A node starts when every predecessor has finished and at least one incoming edge fired (an edge fires
   * when its source succeeded — or failed and the edge's condition matches — and its condition holds). Nodes
   * with no fired incoming edge are skipped, so a failure stops its descendants while independent nodes go
   * on, up to `max_parallel` at once. A failure that a matching condition edge routes is handled and does not
   * fail the run. The exit runs last, once the goal gates are final.
   */
  async #runDependencies(resumeAt: string): Promise<RunResult> {
    const graph = this.#graph;
    const start = findStartNodes(graph)[0]?.id ?? resumeAt;
    const reachable = new Set<string>([start]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const e of outgoingEdges(graph, queue[i] as string)) {
        if (!reachable.has(e.to)) {
          reachable.add(e.to);
          queue.push(e.to);
        }
      }
    }
    const preds = new Map<string, GraphEdge[]>();
    for (const id of reachable) preds.set(id, []);
    for (const e of graph.edges)
      if (reachable.has(e.from) && reachable.has(e.to)) preds.get(e.to)?.push(e);
    const conditionOf = (e: GraphEdge): string => e.attrs.get('condition')?.value.trim() ?? '';
    const context = this.#state.context;
    /** A failure is handled when a condition edge out of the node matches it (like spec §3.7 routing). */
    const isHandled = (id: string, outcome: Outcome): boolean =>
      outgoingEdges(graph, id).some(
        (e) =>
          reachable.has(e.to) &&
          conditionOf(e) !== '' &&
          conditionHolds(conditionOf(e), outcome, context)
      );

    const finished = new Map<string, Outcome>();
    const handled = new Set<string>();
    // Resuming keeps the results that stand — successes and handled failures. Unhandled failures, skipped
    // nodes, unsatisfied goal gates and the exit run again; a node that was running has no outcome yet.
    for (const id of this.#state.completed) {
      const recorded = this.#state.outcomes.get(id);
      const node = graph.nodes.get(id);
      if (!recorded || !node || !reachable.has(id) || isExitNode(node)) continue;
      const outcome: Outcome = {
        status: recorded.status,
        ...(recorded.failure_reason ? { failureReason: recorded.failure_reason } : {}),
        ...(recorded.preferred_label ? { preferredLabel: recorded.preferred_label } : {})
      };
      if (isSuccessful(recorded.status)) finished.set(id, outcome);
      else if (
        recorded.status === 'fail' &&
        getBoolean(node.attrs, 'goal_gate') !== true &&
        isHandled(id, outcome)
      ) {
        finished.set(id, outcome);
        handled.add(id);
      } else if (recorded.status === 'fail' && this.#resumedAfterFailure) {
        this.#announceFreshRetryBudget(node);
      }
    }
    const running = new Map<string, Promise<void>>();
    const failedNodes: string[] = [];
    const maxParallel = Math.max(1, getInteger(graph.attrs, 'max_parallel') ?? 4);
    const walker: Walker = {
      context,
      scope: '',
      concurrent: true,
      attempts: this.#concurrentAttempts
    };
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
        const outcome = await this.#executeNode(node, walker, undefined);
        finished.set(id, outcome);
        if (outcome.status === 'fail') {
          if (isHandled(id, outcome)) handled.add(id);
          else failedNodes.push(id);
        }
        this.#state.currentNode = id;
        await this.#checkpoint(id);
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
      running.size > 0 || [...reachable].some((other) => other !== exit && !finished.has(other));

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
            (blocked.has(e.from) ||
              (finished.get(e.from)?.status === 'fail' && !handled.has(e.from)))
        );
        if (id !== start && (hardDependencyFailed || !incoming.some(fired))) {
          const notes = hardDependencyFailed
            ? 'skipped: a dependency failed'
            : 'skipped: no incoming edge condition held';
          if (hardDependencyFailed) blocked.add(id);
          finished.set(id, { status: 'skipped', notes });
          this.#state.recordOutcome(id, { status: 'skipped', notes }, 0);
          progressed = true;
          continue;
        }
        const node = graph.nodes.get(id) as GraphNode;
        if (isExitNode(node)) {
          // The exit runs last, so every goal gate has its final outcome.
          if (othersPending(id)) continue;
          const gates = this.#unsatisfiedGates({ ignoreSkipped: true });
          if (gates.length > 0) {
            for (const [gate, status] of gates)
              this.#emit({ type: 'goal_gate.unsatisfied', nodeId: gate, status });
            const reason =
              `Goal gate unsatisfied: ${gates.map(([g, st]) => `'${g}' (${st})`).join(', ')} did not succeed, so '${id}' did not run. ` +
              'schedule="dependencies" does not follow retry_target; fix the cause and resume, which re-runs the gate(s).';
            const outcome = failure(reason, { retryable: false });
            finished.set(id, outcome);
            this.#state.recordOutcome(id, outcome, 0);
            gateFailure = { exit: id, gates: gates.map(([g]) => g), reason };
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
    if (stop) return this.#stopped(stop.nodeId);
    const unfinished = [...reachable].filter((id) => !finished.has(id));
    if (unfinished.length > 0) {
      return this.#finish(
        'fail',
        `Nodes never became ready (a dependency cycle?): ${unfinished.join(', ')}. schedule="dependencies" needs an acyclic graph.`,
        undefined,
        `runs ${unfinished.map((id) => `'${id}'`).join(', ')} once the cycle is fixed (the changed file needs --force); completed nodes are kept`
      );
    }
    if (failedNodes.length > 0 || blocked.size > 0 || gateFailure) {
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
      return this.#finish('fail', parts.join('; '), rerun[0] ?? gateFailure?.exit, hint);
    }
    return this.#finish('success', undefined);
  }
}

/** The checkpoint key of parallel node `nodeId` run in walk scope `scope` (see PendingParallel). */
function parallelKey(scope: string, nodeId: string): string {
  return scope === '' ? nodeId : `${scope}>${nodeId}`;
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
