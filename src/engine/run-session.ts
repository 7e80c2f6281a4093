/**
 * The one object the parts of the run loop share: the run's graph, options, state and signal, the run
 * store it writes to (a loop restart may switch it), and what every part does — emit an event, stop
 * when the signal fires, save the checkpoint.
 */
import type { Graph } from '../graph/graph.js';
import type { EventPayload } from '../ports/events.js';
import { EventBus } from './event-bus.js';
import type { RunStore } from '../ports/run-store.js';
import { RunContext } from './context.js';
import type { RunOptions } from './run-options.js';
import { RunState } from './run-state.js';

const GRAPH_MIRROR_PREFIX = 'graph.';

/** Thrown inside a walk when the run's signal fires; runPipeline turns it into a stopped result. */
export class StopSignal extends Error {
  constructor(readonly nodeId: string | undefined) {
    super('stopped');
  }
}

export class RunSession {
  readonly graph: Graph;
  readonly options: RunOptions;
  readonly state: RunState;
  /** The run's signal (never aborted when the options have none). */
  readonly signal: AbortSignal;
  readonly startedAt: number;
  /** The run store in use: a loop_restart with `restartRunStore` moves to a fresh one. */
  runStore: RunStore;
  /** This run resumes one that had failed: the nodes it re-runs get a fresh retry budget. */
  resumedAfterFailure = false;
  /** Failed stages this process routed on, and where to (a run that succeeds reports them). */
  readonly routedFailures = new Map<string, string>();
  /** This run continues one that stopped or crashed: an execution it re-runs may pick up its progress. */
  readonly continuesInterrupted: boolean;
  #saveChain: Promise<void> = Promise.resolve();
  readonly #events: EventBus;

  constructor(graph: Graph, options: RunOptions) {
    this.graph = graph;
    this.options = options;
    this.signal = options.signal ?? new AbortController().signal;
    this.runStore = options.runStore;
    this.startedAt = options.clock.now();
    this.#events = new EventBus(options.events, options.clock, () => this.state.runId);
    const resumedStatus = options.resumeFrom?.status;
    this.continuesInterrupted = resumedStatus === 'running' || resumedStatus === 'stopped';
    if (options.resumeFrom) {
      this.state = RunState.fromCheckpoint(options.resumeFrom, options.pipeline);
      this.#mirrorGraphAttributes(this.state.context);
    } else {
      this.state = new RunState(options.runId, options.pipeline, this.freshContext());
    }
  }

  /** The context a run starts with, and a loop_restart starts over with: `graph.*`, then the seeds. */
  freshContext(): RunContext {
    const context = new RunContext();
    this.#mirrorGraphAttributes(context);
    if (this.options.initialContext) context.apply(this.options.initialContext);
    return context;
  }

  #mirrorGraphAttributes(context: RunContext): void {
    for (const [key, value] of this.graph.attrs)
      context.set(GRAPH_MIRROR_PREFIX + key, value.value);
    if (!this.graph.attrs.has('goal')) context.set('graph.goal', '');
  }

  emit(payload: EventPayload): void {
    this.#events.emit(payload);
  }

  iso(): string {
    return new Date(this.options.clock.now()).toISOString();
  }

  throwIfStopped(nodeId: string | undefined): void {
    if (this.signal.aborted) throw new StopSignal(nodeId);
  }

  /** Snapshots the state now and writes it after any earlier write (writes never reorder). */
  async checkpoint(nodeId: string): Promise<void> {
    const text = this.state.serialize(this.iso());
    const write = this.#saveChain.then(() => this.options.checkpointStore.save(text));
    this.#saveChain = write.catch(() => undefined);
    await write;
    if (this.state.restartCount > 0) await this.runStore.writeRunFile('checkpoint.json', text);
    const next = this.state.nextNode;
    this.emit({ type: 'checkpoint.saved', nodeId, ...(next ? { nextNode: next } : {}) });
  }
}
