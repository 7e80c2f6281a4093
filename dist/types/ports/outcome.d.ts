/** The result of running a node (spec §5.2). Expected failures are Outcomes, not exceptions. */
export declare const StageStatuses: readonly ["success", "partial_success", "retry", "fail", "skipped"];
export type StageStatus = (typeof StageStatuses)[number];
export interface Outcome {
    readonly status: StageStatus;
    readonly preferredLabel?: string;
    readonly suggestedNextIds?: readonly string[];
    readonly contextUpdates?: Readonly<Record<string, unknown>>;
    readonly notes?: string;
    readonly failureReason?: string;
    /** False marks a terminal error: the engine does not retry it (spec Appendix D). */
    readonly retryable?: boolean;
    /** A server's or tool's hint for when to try again. */
    readonly retryAfterMs?: number;
    /**
     * Continue at this node instead of selecting an outgoing edge. The parallel handler uses it to continue at
     * the fan-in node after its branches ran.
     */
    readonly continueAt?: string;
    /**
     * The outcome was synthesized by `auto_status` because the handler produced no status of its own;
     * the engine then writes no status.json for the node (its absence shows no status was written).
     */
    readonly autoStatus?: boolean;
}
