import type { Clock } from '../ports/clock.js';
import type { CodergenBackend } from '../ports/codergen-backend.js';
import type { Interviewer } from '../ports/interviewer.js';
import type { ProcessRunner } from '../ports/process-runner.js';
import type { FreshStageDirs } from '../ports/run-store.js';
import type { ChildPipelineRunner } from './manager-loop.js';
import { HandlerRegistry } from '../engine/registry.js';
export interface BuiltinHandlerDeps {
    readonly processRunner: ProcessRunner;
    readonly interviewer: Interviewer;
    /** Defaults to the simulated backend. */
    readonly backend?: CodergenBackend;
    readonly workdir: string;
    /** The environment tool nodes inherit (secrets are stripped by the tool handler). */
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly clock: Clock;
    /** Runs child pipelines for manager-loop nodes; absent = manager loops supervise context only. */
    readonly childRunner?: ChildPipelineRunner;
    /** The run store's fresh stage directories, when it knows them (FsRunStore): tool stages skip clean-up there. */
    readonly freshStages?: FreshStageDirs;
}
export declare function createBuiltinRegistry(deps: BuiltinHandlerDeps): HandlerRegistry;
