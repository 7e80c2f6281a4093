import type { Outcome } from '../engine/outcome.js';
import type { Handler, HandlerInput } from './handler.js';
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
    }): Promise<ChildHandle>;
}
export declare class ManagerLoopHandler implements Handler {
    private readonly children?;
    constructor(children?: ChildPipelineRunner | undefined);
    execute(input: HandlerInput): Promise<Outcome>;
}
