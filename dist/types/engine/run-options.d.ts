/**
 * What `runPipeline` takes and returns (re-exported by run-pipeline.ts, the engine's public entry).
 */
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import type { Checkpoint } from '../ports/checkpoint.js';
import type { Clock, RandomSource } from '../ports/clock.js';
import type { EventSink } from '../ports/event-sink.js';
import type { RunStore } from '../ports/run-store.js';
import type { HandlerRegistry } from './registry.js';
import type { PipelineIdentity } from './run-state.js';
export interface RunOptions {
    readonly registry: HandlerRegistry;
    readonly clock: Clock;
    readonly random: RandomSource;
    readonly runId: string;
    readonly runStore: RunStore;
    readonly checkpointStore: CheckpointStore;
    /** Every event goes to each sink; one that throws is cut off and reported (see EventBus). */
    readonly events: EventSink | readonly EventSink[];
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
    /**
     * For a run that succeeded: the stages that failed and were routed on (failure routing), in order of
     * completion, with where the run went next when this process routed it.
     */
    readonly handledFailures?: readonly HandledFailure[];
}
export interface HandledFailure {
    readonly nodeId: string;
    readonly to?: string;
}
