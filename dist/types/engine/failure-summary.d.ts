/**
 * What a failed run shows besides its reason: the last lines of the failed stage's output, and for a
 * failed parallel or fan-in node, the branches that failed behind it. The engine puts the branches in
 * `pipeline.failed`; the CLI prints the failed node's own tail with `readFailureTail`.
 */
import type { Graph } from '../graph/graph.js';
import type { CheckpointNodeOutcome } from '../ports/checkpoint.js';
import type { ContextView } from '../ports/context.js';
import type { FailedBranch } from '../ports/events.js';
import type { RunStore } from '../ports/run-store.js';
import type { HandlerRegistry } from './registry.js';
/** The summary shows this many last lines of each output file of a failed stage. */
export declare const FAILURE_TAIL_LINES = 10;
/** The output files of a stage, in the order the summary shows them. */
export declare const FAILURE_TAIL_FILES: readonly ["stderr.log", "stdout.log"];
/** …read from at most this many trailing bytes (the logs can be any size). */
export declare const FAILURE_TAIL_BYTES: number;
export interface OutputTail {
    readonly file: string;
    readonly lines: string[];
}
/**
 * The last lines of a stage's stderr.log and stdout.log, skipping files that are missing, unreadable or
 * blank. Reads only the last FAILURE_TAIL_BYTES of each.
 */
export declare function readFailureTail(store: RunStore, nodeId: string): Promise<OutputTail[]>;
export interface FailedBranchesInput {
    readonly graph: Graph;
    readonly registry: HandlerRegistry;
    /** The run's context: `parallel.results` names the branches. */
    readonly context: ContextView;
    /** The run's recorded outcomes (the failing node's own reason wins over the branch's). */
    readonly outcomes: ReadonlyMap<string, CheckpointNodeOutcome>;
    readonly runStore: RunStore;
}
/**
 * When the run failed at a parallel or fan-in node, the branches that failed behind it — their failing
 * node, its reason and the last lines of its output (the parallel node has no output of its own). Read
 * from `parallel.results`, so it holds after a resume too.
 */
export declare function failedBranches(run: FailedBranchesInput, nodeId: string): Promise<FailedBranch[]>;
