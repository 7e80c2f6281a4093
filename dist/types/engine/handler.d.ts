/**
 * The handler contract (spec §4.1). Handlers get everything through `HandlerInput` and their constructor
 * (ports such as the process runner or the interviewer); they return an Outcome and never throw for expected
 * failures. Anything they do throw is caught by the engine and becomes a FAIL outcome.
 */
import { TrackerError } from '../common/errors.js';
import type { Graph, GraphEdge, GraphNode } from '../graph/graph.js';
import type { ContextView } from '../ports/context.js';
import type { EventPayload } from '../ports/events.js';
import type { Outcome } from '../ports/outcome.js';
import type { Clock } from '../ports/clock.js';
import type { RunStore } from '../ports/run-store.js';
/** Result of running part of the graph as a sub-walk (used by parallel branches). */
export interface SubgraphResult {
    readonly outcome: Outcome;
    /** The node whose outcome decided the result (the last node the walk ran). */
    readonly lastNode?: string;
    readonly completedNodes: readonly string[];
    /** The branch's context at its end. */
    readonly context: Readonly<Record<string, unknown>>;
    /** Context keys the branch changed, with their final values. */
    readonly contextUpdates: Readonly<Record<string, unknown>>;
    /** The request's signal fired (not a timeout) before the branch finished: `outcome` is `skipped`. */
    readonly cancelled?: boolean;
}
/**
 * The abort reason for a branch that ran out of time: the engine reports the interrupted branch as failed
 * (a timeout is a failure), where any other abort of the branch's signal is a cancellation.
 */
export declare function branchTimeoutReason(message: string): TrackerError;
export declare function isBranchTimeout(reason: unknown): boolean;
export interface SubgraphRequest {
    /** First node of the branch. */
    readonly start: string;
    /** The walk stops before running any of these nodes (e.g. the fan-in node). */
    readonly stopAt: ReadonlySet<string>;
    /** A label for events and checkpoint state, e.g. `fork/branch1`. */
    readonly branch: string;
    /** Aborting it cancels the branch (see `branchTimeoutReason` for timeouts). */
    readonly signal: AbortSignal;
}
export interface EngineServices {
    /**
     * Runs a branch of the graph on an isolated copy of the calling walk's context (the main walk's, or the
     * enclosing branch's for a nested parallel node), resuming it when a checkpoint holds its progress.
     */
    runSubgraph(request: SubgraphRequest): Promise<SubgraphResult>;
    /** Forgets the saved branch progress of a parallel node once it has finished (checkpoint bookkeeping). */
    completeParallel(nodeId: string): void;
}
export interface HandlerInput {
    readonly node: GraphNode;
    readonly graph: Graph;
    readonly context: ContextView;
    readonly runId: string;
    /** 1-based attempt number of this execution. */
    readonly attempt: number;
    /**
     * Names this execution of the node within the run (its loop restart, visit and attempt, e.g. `r0.v2.a1`):
     * the same when a resume continues the execution a stopped or crashed run left in flight, different for
     * every other start. Handlers that record progress in their stage directory tag it with this.
     */
    readonly execution?: string;
    /**
     * This run continues one that stopped or crashed (not one that failed, whose failed node starts over):
     * progress recorded under this `execution` is this execution's own and may be picked up, e.g. a human
     * gate's recorded answer (docs/human-gates.md, "Resuming").
     */
    readonly resumed?: boolean;
    readonly runStore: RunStore;
    readonly clock: Clock;
    readonly signal: AbortSignal;
    /** Branch label when running inside a parallel branch. */
    readonly branch?: string;
    /** The edge the walk arrived by (absent for the first node and for jumps such as retry targets). */
    readonly incomingEdge?: GraphEdge;
    emit(event: EventPayload): void;
    readonly engine: EngineServices;
}
export interface Handler {
    execute(input: HandlerInput): Promise<Outcome>;
    /**
     * Stage files this handler writes before its real work starts (a tool's context file). The run store
     * may create them empty ahead of time, while the previous node runs, so that writing them costs a
     * fraction of creating them. Never list a file whose mere existence means something (`status.json`).
     */
    readonly filesWrittenFirst?: readonly string[];
}
