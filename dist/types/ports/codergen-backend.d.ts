import type { Outcome } from './outcome.js';
import type { ContextView } from './context.js';
export interface CodergenRequest {
    /** The stage's node id and its label (the node id when it has none). */
    readonly nodeId: string;
    readonly label: string;
    /** The prompt after variable expansion. */
    readonly prompt: string;
    readonly context: ContextView;
    /** Context fidelity resolved for this stage (spec §5.4) and the context projected at it. */
    readonly fidelity: string;
    readonly projectedContext: Readonly<Record<string, unknown>>;
    readonly model?: string;
    readonly provider?: string;
    readonly reasoningEffort?: string;
}
export interface CodergenResult {
    readonly text: string;
    readonly usage?: {
        readonly inputTokens: number;
        readonly outputTokens: number;
        readonly costUsd?: number;
    };
    readonly model?: string;
    readonly provider?: string;
}
/** The LLM behind codergen nodes (spec §4.5). Returns a response, or an Outcome to take full control. */
export interface CodergenBackend {
    run(request: CodergenRequest, signal?: AbortSignal): Promise<CodergenResult | Outcome>;
}
