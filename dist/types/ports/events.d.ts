/**
 * Everything the engine does is announced as one of these events. Console output, `--json` NDJSON,
 * activity.jsonl and the dashboard are all renderings of this union. docs/events.md documents it and
 * docs/events.schema.json is its JSON Schema; a change to a field's meaning or a removal bumps
 * EVENT_SCHEMA_VERSION, an added optional field or event does not.
 */
import type { StageStatus } from './outcome.js';
/** The `schema` that `pipeline.started` carries (docs/events.md). */
export declare const EVENT_SCHEMA_VERSION = 1;
interface Base {
    /** Epoch milliseconds from the injected clock. */
    readonly ts: number;
    readonly runId: string;
    /**
     * Position in the run's stream: 1 for `pipeline.started`, then +1 per event, with no gaps, across
     * parallel branches. A resumed run starts again at 1 (it is a new stream for the same run ID).
     */
    readonly seq: number;
}
/** The graph as a renderer needs it: every node and edge, with what will run each node. */
export interface GraphSnapshot {
    readonly nodes: readonly {
        readonly id: string;
        readonly label: string;
        /** The handler type the registry resolves for the node (`tool`, `codergen`, `wait.human`, …). */
        readonly handlerType: string;
        readonly shape: string;
    }[];
    readonly edges: readonly {
        readonly from: string;
        readonly to: string;
        readonly label?: string;
        readonly condition?: string;
        readonly weight?: number;
    }[];
}
/** Where a stage runs: the main walk, or inside a parallel branch (`fork/branch1`). */
interface StageBase extends Base {
    readonly nodeId: string;
    readonly branch?: string;
}
/** A failed parallel branch, for the failure summary. */
export interface FailedBranch {
    readonly branch: string;
    /** The branch node that failed. */
    readonly nodeId?: string;
    readonly reason?: string;
    /** The last lines of the node's stderr.log / stdout.log, when it wrote any. */
    readonly output?: readonly {
        readonly file: string;
        readonly lines: readonly string[];
    }[];
}
export type EdgeReason = 'condition' | 'preferred_label' | 'suggested_next' | 'weight' | 'lexical' | 'retry_target' | 'fallback_retry_target' | 'goal_gate' | 'continue_at' | 'resume';
export type PipelineEvent = (Base & {
    readonly type: 'pipeline.started';
    readonly schema: typeof EVENT_SCHEMA_VERSION;
    readonly pipeline: string;
    readonly goal: string;
    readonly runDir: string;
    readonly resumed: boolean;
    readonly nodeCount: number;
    readonly graph: GraphSnapshot;
}) | (Base & {
    readonly type: 'pipeline.completed';
    readonly durationMs: number;
    readonly completedNodes: number;
    /** Stages that failed and were routed on (failure routing): the run still succeeded. */
    readonly handledFailures?: readonly {
        readonly nodeId: string;
        readonly to?: string;
    }[];
}) | (Base & {
    readonly type: 'pipeline.failed';
    readonly durationMs: number;
    readonly reason: string;
    readonly nodeId?: string;
    /** When `nodeId` is a parallel or fan-in node: the failed branches behind its failure. */
    readonly failedBranches?: readonly FailedBranch[];
}) | (Base & {
    readonly type: 'pipeline.stopped';
    readonly durationMs: number;
    readonly reason: string;
    readonly nodeId?: string;
}) | (StageBase & {
    readonly type: 'stage.started';
    readonly handlerType: string;
    readonly label: string;
    readonly attempt: number;
    readonly maxAttempts: number;
}) | (StageBase & {
    readonly type: 'stage.completed';
    readonly handlerType: string;
    readonly status: StageStatus;
    readonly attempt: number;
    readonly durationMs: number;
    readonly notes?: string;
    readonly failureReason?: string;
}) | (StageBase & {
    readonly type: 'stage.retrying';
    readonly attempt: number;
    readonly maxAttempts: number;
    readonly delayMs: number;
    readonly reason: string;
}) | (StageBase & {
    readonly type: 'stage.output';
    readonly stream: 'stdout' | 'stderr';
    readonly tail: string;
    readonly truncated: boolean;
    readonly totalBytes: number;
}) | (StageBase & {
    readonly type: 'edge.selected';
    readonly to: string;
    readonly reason: EdgeReason;
    readonly label?: string;
    readonly condition?: string;
}) | (Base & {
    readonly type: 'checkpoint.saved';
    readonly nodeId: string;
    readonly nextNode?: string;
}) | (StageBase & {
    readonly type: 'gate.waiting';
    readonly question: string;
    readonly options: readonly string[];
    readonly timeoutMs?: number;
}) | (StageBase & {
    readonly type: 'gate.answered';
    readonly answer: string;
    readonly actor?: string;
    readonly timedOut: boolean;
    readonly durationMs: number;
}) | (StageBase & {
    readonly type: 'parallel.started';
    readonly branches: readonly string[];
    readonly maxParallel: number;
}) | (StageBase & {
    readonly type: 'parallel.branch_completed';
    readonly branchId: string;
    /** `cancelled`: stopped by a join or error policy; `skipped`: never started. */
    readonly status: StageStatus | 'cancelled';
    readonly durationMs: number;
    readonly failureReason?: string;
    readonly notes?: string;
    /** The node whose outcome decided the branch's status. */
    readonly lastNode?: string;
}) | (StageBase & {
    readonly type: 'parallel.completed';
    readonly successCount: number;
    readonly failureCount: number;
    /** Branches cancelled or never started (not failures). */
    readonly cancelledCount?: number;
    readonly durationMs: number;
}) | (StageBase & {
    readonly type: 'goal_gate.unsatisfied';
    readonly status: StageStatus;
    readonly retryTarget?: string;
}) | (Base & {
    readonly type: 'loop.restarted';
    readonly restart: number;
    readonly target: string;
}) | (Base & {
    readonly type: 'warning';
    readonly message: string;
    readonly nodeId?: string;
});
export type PipelineEventType = PipelineEvent['type'];
/** Distributes `Omit` over the union so each event keeps its own fields. */
export type EventPayload = PipelineEvent extends infer E ? E extends PipelineEvent ? Omit<E, 'ts' | 'runId' | 'seq'> : never : never;
export {};
