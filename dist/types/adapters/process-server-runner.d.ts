import type { ProcessResult, ProcessRunner, ProcessSpec } from '../ports/process-runner.js';
/** How the helper is started: `node [...execArgv] entry`. */
export interface ProcessServerLocation {
    readonly entry: string;
    readonly execArgv: readonly string[];
}
/**
 * Node flags for the helper. A fork copies the page tables of the forking process's private memory, so
 * the helper keeps its young generation small (1 MB semi-spaces instead of 16): measured, a spawn
 * through it then takes 3.3 ms instead of 3.7 (a bare Node loop: 3.7).
 */
export declare const HELPER_NODE_FLAGS: readonly string[];
/** How long a helper may take to start (from source, through tsx, on a loaded machine: seconds). */
export declare const HELPER_READY_TIMEOUT_MS = 20000;
/**
 * How long the first command runs before the helper is started (a second command starts it at
 * once): a one-command pipeline that is over by then never pays for the helper's Node start-up.
 */
export declare const HELPER_START_DELAY_MS = 20;
/** After this many helpers died while running commands, commands run in-process. */
export declare const MAX_LOSSES = 3;
/**
 * Where the helper's entry is, seen from the module at `moduleUrl` (default: this one): next to the
 * bundle (`dist/process-server.js`), or in the source tree (`src/process-server-entry.ts`, started with
 * the tsx loader). undefined when neither exists.
 */
export declare function locateProcessServer(moduleUrl?: string): ProcessServerLocation | undefined;
export interface ProcessServerRunnerOptions {
    readonly location: ProcessServerLocation;
    /** A helper that has not said it is ready by then is killed, and commands run in-process. */
    readonly readyTimeoutMs?: number;
    /** Runs the commands when the helper cannot be used. Default: a NodeProcessRunner. */
    readonly fallback?: ProcessRunner;
    /** Told once, with the reason, when commands start running in-process. */
    readonly onFallback?: (reason: string) => void;
    /**
     * What commands do while the helper starts: run in-process (the default; their process groups
     * are handed to the helper once it is ready), or wait for it.
     */
    readonly whileStarting?: 'in-process' | 'wait';
    /** With `whileStarting: 'in-process'`: see HELPER_START_DELAY_MS. */
    readonly startDelayMs?: number;
}
export declare class ProcessServerRunner implements ProcessRunner {
    #private;
    constructor(options: ProcessServerRunnerOptions);
    /** Why commands run in-process, or undefined while the helper is in use. */
    get fallbackReason(): string | undefined;
    /** The helper's pid once it is running (for tests and diagnostics). */
    get helperPid(): number | undefined;
    /**
     * Starts the helper unless it runs (or cannot be used); resolves once it is ready or commands
     * run in-process for good.
     */
    whenReady(): Promise<void>;
    run(spec: ProcessSpec, signal?: AbortSignal): Promise<ProcessResult>;
    /**
     * Ends the helper once the running commands (its own and those started here meanwhile) have
     * finished; a later `run` starts a new one. A helper still starting is killed: it has nothing to do.
     */
    close(): Promise<void>;
}
/**
 * The runner the composition roots use: the process helper when its entry exists, otherwise
 * (or with `inProcess`) NodeProcessRunner. Call `close()` on it when the run is over.
 */
export declare function createProcessRunner(options?: {
    readonly inProcess?: boolean;
    readonly onFallback?: (reason: string) => void;
}): ProcessRunner & {
    close(): Promise<void>;
};
