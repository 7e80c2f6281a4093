import type { Outcome } from '../ports/outcome.js';
import type { EventPayload } from '../ports/events.js';
import type { Handler, HandlerInput } from '../engine/handler.js';
export type ChildStatus = 'running' | 'completed' | 'failed';
export interface ChildObservation {
    readonly status: ChildStatus;
    /** Final outcome status when finished (`success`, `fail`, …). */
    readonly outcome?: string;
    readonly currentNode?: string;
    readonly completedNodes: number;
    readonly failureReason?: string;
}
export interface ChildHandle {
    observe(): ChildObservation;
    cancel(): Promise<void>;
}
/**
 * Starts child pipelines; implemented at the edge (it reads files and runs a nested engine). The edge
 * decides whether a start resumes the child's checkpoint (the CLI's FileChildRunner does when the parent run
 * resumed with this manager unfinished), which child events reach the parent, and which interviewer
 * the child's gates ask.
 */
export interface ChildPipelineRunner {
    start(request: {
        readonly dotfile: string;
        readonly parentNodeId: string;
        readonly workdir?: string;
        readonly context: Readonly<Record<string, unknown>>;
        readonly signal: AbortSignal;
        /** The parent's emitter: child events forwarded through it join the parent's stream (its `seq`). */
        readonly emit?: (event: EventPayload) => void;
    }): Promise<ChildHandle>;
}
export declare class ManagerLoopHandler implements Handler {
    private readonly children?;
    constructor(children?: ChildPipelineRunner | undefined);
    execute(input: HandlerInput): Promise<Outcome>;
}
