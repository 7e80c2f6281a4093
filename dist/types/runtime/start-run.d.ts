import type { Diagnostic } from '../common/diagnostic.js';
import type { RunStatusResult } from '../engine/run-pipeline.js';
import type { DotLimits } from '../dot/parser.js';
import type { Graph } from '../graph/graph.js';
import type { PreparedPipeline } from '../pipeline/prepare-pipeline.js';
import type { PublishedRun } from '../ports/run-archive.js';
import type { OutputTail } from '../engine/failure-summary.js';
import type { RunTarget } from './locate-run.js';
import type { RunDependencies, RunTotals } from './run-types.js';
export interface StartRunRequest {
    /** The pipeline file, absolute or relative to `cwd`. */
    readonly pipeline: string;
    /** The user's directory: relative paths are resolved against it, and shown from it. */
    readonly cwd: string;
    readonly limits?: Readonly<Partial<DotLimits>>;
    /** Where tool stages run and `.tracker/runs` is (default `cwd`); a resumed run keeps its recorded one. */
    readonly workdir?: string;
    /** The run directory instead of `<workdir>/.tracker/runs/<run id>` (`--logs`). */
    readonly runDir?: string;
    /** Default: a new run. */
    readonly target?: RunTarget;
    /** Resume even though the pipeline file changed. */
    readonly force?: boolean;
    /** Seeds for the context of a new run (`--var`). */
    readonly context?: Readonly<Record<string, unknown>>;
    /** The environment tool stages inherit (secrets are stripped). */
    readonly env: Readonly<Record<string, string | undefined>>;
    /** Stops the run (resumable) when it fires. */
    readonly signal?: AbortSignal;
    /** Process signals that stop the run while it runs, e.g. `['SIGINT', 'SIGTERM']`; none by default. */
    readonly stopOnSignals?: readonly NodeJS.Signals[];
}
/** The pipeline a result is about. */
export interface RunPipelineInfo {
    readonly name?: string;
    /** As shown to the user (relative to `cwd` when inside it). */
    readonly file: string;
    readonly path: string;
    readonly sha256: string;
}
/** The file has errors (or does not parse): nothing ran. */
export interface InvalidPipelineResult {
    readonly status: 'invalid';
    readonly pipeline: RunPipelineInfo;
    readonly prepared: PreparedPipeline;
    readonly diagnostics: readonly Diagnostic[];
}
/** The request cannot be carried out as asked (an unreadable file, no such run, a changed pipeline): nothing ran. */
export interface RefusedRunResult {
    readonly status: 'refused';
    readonly code: RefusalCode;
    readonly message: string;
}
export type RefusalCode = 'USAGE' | 'CHECKPOINT_INVALID' | 'CHECKPOINT_MISMATCH';
export interface FinishedRunResult {
    readonly status: RunStatusResult;
    readonly pipeline: RunPipelineInfo;
    /** The prepared graph that ran (node locations for annotations, labels for summaries). */
    readonly graph: Graph;
    /** Validation warnings and notes of the file (it had no errors). */
    readonly diagnostics: readonly Diagnostic[];
    readonly runId: string;
    readonly runDir: string;
    readonly checkpointPath: string;
    /** The absolute directory tool stages ran in. */
    readonly workdir: string;
    readonly resumed: boolean;
    readonly completedNodes: readonly string[];
    /** The node whose failure ended the run, or the node that was running when it stopped. */
    readonly failedNode?: string;
    readonly failureReason?: string;
    /** For a failed run: what resuming it will do, e.g. "re-runs 'build' with a fresh retry budget". */
    readonly resumeHint?: string;
    /** For a failed run: the last lines of the failed node's stderr.log and stdout.log. */
    readonly failureOutput: readonly OutputTail[];
    /** The command that resumes this run from `cwd` (`tracker -c … [-w …] <pipeline>`). */
    readonly resumeCommand: string;
    readonly totals: RunTotals;
    /** Where the run archive keeps the run, when one was given and publishing worked. */
    readonly published?: PublishedRun;
}
export type StartRunResult = InvalidPipelineResult | RefusedRunResult | FinishedRunResult;
export declare function startRun(request: StartRunRequest, dependencies: RunDependencies): Promise<StartRunResult>;
