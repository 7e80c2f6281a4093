import type { ProcessResult, ProcessRunner, ProcessSpec, StreamTail } from '../ports/process-runner.js';
export declare const DEFAULT_KILL_GRACE_MS = 2000;
/** How long to wait for the pipes to close after the main child exited. */
export declare const PIPE_CLOSE_GRACE_MS = 200;
/**
 * Keeps the last `limit` bytes of a byte stream. Memory is bounded by `limit` plus one chunk.
 */
export declare class TailBuffer {
    #private;
    constructor(limit: number);
    get totalBytes(): number;
    push(chunk: Buffer): void;
    /** The kept tail decoded as UTF-8; a multi-byte character cut at the start of the tail is dropped. */
    toTail(): StreamTail;
}
/**
 * Process groups started by another process (tracker, while its process helper was starting) that
 * this process kills when it exits, as it does its own: the helper is told to watch them.
 */
export declare function watchProcessGroup(pid: number): void;
export declare function unwatchProcessGroup(pid: number): void;
export interface NodeProcessRunnerOptions {
    /**
     * Told the process group (the pid of `sh`) of every command once it has started, and again once it
     * has ended, so another process can watch it (ProcessServerRunner hands such groups to its helper).
     */
    readonly groups?: {
        readonly started: (pid: number) => void;
        readonly ended: (pid: number) => void;
    };
}
export declare class NodeProcessRunner implements ProcessRunner {
    #private;
    constructor(options?: NodeProcessRunnerOptions);
    run(spec: ProcessSpec, signal?: AbortSignal): Promise<ProcessResult>;
}
