/**
 * Mutable bookkeeping of one run, and its projection to a Checkpoint. Only the engine mutates it.
 */
import type { AttemptInFlight, Checkpoint, CheckpointNodeOutcome, PendingBranch, RunStatus } from '../ports/checkpoint.js';
import { RunContext } from './context.js';
import type { Outcome } from '../ports/outcome.js';
export interface PipelineIdentity {
    readonly name: string;
    readonly file: string;
    readonly sha256: string;
}
export declare class RunState {
    #private;
    readonly runId: string;
    readonly pipeline: PipelineIdentity;
    readonly context: RunContext;
    readonly completed: string[];
    readonly outcomes: Map<string, CheckpointNodeOutcome>;
    readonly retries: Map<string, number>;
    readonly visits: Map<string, number>;
    /**
     * Parallel blocks in flight, by scope key (`fork`, or `fork/b1>inner` for a block inside a branch):
     * the parallel node and its branches' state by branch start. Nested blocks are kept (and saved) too.
     */
    readonly pendingParallel: Map<string, {
        readonly node: string;
        readonly branches: Map<string, PendingBranch>;
    }>;
    /** `schedule="dependencies"`: the attempt of each node running concurrently. */
    readonly runningAttempts: Map<string, number>;
    currentNode: string;
    nextNode: string | undefined;
    currentAttempt: AttemptInFlight | undefined;
    restartCount: number;
    status: RunStatus;
    failureReason: string | undefined;
    constructor(runId: string, pipeline: PipelineIdentity, context?: RunContext);
    static fromCheckpoint(checkpoint: Checkpoint, pipeline: PipelineIdentity): RunState;
    markCompleted(nodeId: string): void;
    isCompleted(nodeId: string): boolean;
    recordOutcome(nodeId: string, outcome: Outcome, attempts: number): void;
    /** Counts a retry; the caller mirrors it into the context the node runs in (`internal.retry_count.<id>`). */
    addRetry(nodeId: string): number;
    addVisit(nodeId: string): number;
    /** Forgets everything but identity (loop_restart: a fresh run in a fresh directory). */
    resetForRestart(context: RunContext): void;
    serialize(timestamp: string): string;
    toCheckpoint(timestamp: string): Checkpoint;
}
