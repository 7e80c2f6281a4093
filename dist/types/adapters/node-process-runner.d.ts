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
export declare class NodeProcessRunner implements ProcessRunner {
    run(spec: ProcessSpec, signal?: AbortSignal): Promise<ProcessResult>;
}
