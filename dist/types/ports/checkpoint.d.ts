/**
 * The checkpoint document's shape (decision 0004): a versioned, snake_case JSON object written after every
 * node transition. The engine builds and parses it (src/engine/checkpoint.ts); stores persist it.
 */
import type { StageStatus } from './outcome.js';
export declare const CHECKPOINT_VERSION = 2;
export type RunStatus = 'running' | 'success' | 'fail' | 'stopped';
export interface CheckpointNodeOutcome {
    readonly status: StageStatus;
    readonly notes?: string;
    readonly failure_reason?: string;
    readonly preferred_label?: string;
    /** Attempts the last execution took (1 = no retry). */
    readonly attempts?: number;
}
/** An execution in flight: the node and the attempt it had reached (1-based). */
export interface AttemptInFlight {
    readonly node: string;
    readonly attempt: number;
}
/**
 * A parallel block that was running when the checkpoint was written. `Checkpoint.parallel` maps a scope key
 * to it: the parallel node's id on the main walk (`fork`), or `<branch scope>>node` for a parallel node
 * inside a branch (`fork/b1>inner`), so nested blocks are saved too.
 */
export interface PendingParallel {
    readonly node: string;
    /** Branch start node → its state. */
    readonly branches: Readonly<Record<string, PendingBranch>>;
}
export interface PendingBranch {
    /** The branch has ended; `status` is its final status. */
    readonly done: boolean;
    /** Next node of the branch walk (absent when done). */
    readonly next_node?: string;
    readonly completed_nodes: readonly string[];
    /**
     * Context keys the branch changed, relative to the context the parallel node started from (the branch's
     * context is that context plus these), so a checkpoint holds no copy of the whole context per branch.
     */
    readonly context_updates: Readonly<Record<string, unknown>>;
    /** Keys the branch removed from that context. */
    readonly context_removed?: readonly string[];
    /**
     * The status of the branch's last finished node — once `done`, the branch's result. Saved at every step so
     * a branch that had reached the join when the process died keeps its real status on resume.
     */
    readonly status?: StageStatus;
    /** The branch was cancelled (join or error policy, timeout) before it finished. */
    readonly cancelled?: boolean;
    readonly failure_reason?: string;
    readonly notes?: string;
    readonly last_node?: string;
    /** The branch node in flight and its attempt, so a resumed branch continues at the same attempt. */
    readonly current_attempt?: AttemptInFlight;
}
export interface Checkpoint {
    readonly version: typeof CHECKPOINT_VERSION;
    readonly run_id: string;
    readonly pipeline: {
        readonly name: string;
        readonly file: string;
        readonly sha256: string;
    };
    readonly status: RunStatus;
    /** The last node that finished (spec §5.3). Empty before the first node finishes. */
    readonly current_node: string;
    /** Where execution continues on resume; absent once the run has ended successfully. */
    readonly next_node?: string;
    /** The in-flight execution of `next_node`, so a resumed run continues at the same attempt. */
    readonly current_attempt?: AttemptInFlight;
    /**
     * `schedule="dependencies"`: node → attempt of the nodes running concurrently when the checkpoint was
     * written (main-walk nodes use `current_attempt`, branch nodes their branch's `current_attempt`).
     */
    readonly running_attempts?: Readonly<Record<string, number>>;
    /** Distinct node ids in order of first completion. */
    readonly completed_nodes: readonly string[];
    readonly node_outcomes: Readonly<Record<string, CheckpointNodeOutcome>>;
    /** Retries used per node over the whole run. */
    readonly node_retries: Readonly<Record<string, number>>;
    /** Executions started per node (for `max_visits`). */
    readonly visits: Readonly<Record<string, number>>;
    readonly context: Readonly<Record<string, unknown>>;
    /** Parallel blocks in flight, by scope key (see PendingParallel); nested blocks included. */
    readonly parallel?: Readonly<Record<string, PendingParallel>>;
    readonly restart_count: number;
    readonly failure_reason?: string;
    /** ISO 8601. */
    readonly timestamp: string;
}
