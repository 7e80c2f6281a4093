import type { RunStore, WriteOptions } from '../ports/run-store.js';
/**
 * An in-memory run directory (for `tracker simulate`, embedding and tests): stage dirs are `<runDir>/<nodeId>`.
 * Files live in a map keyed by `<nodeId>/<name>`; nothing touches the disk.
 */
export declare class MemoryRunStore implements RunStore {
    readonly runDir: string;
    /** Stage files by `<nodeId>/<name>`. */
    readonly stageFiles: Map<string, string>;
    readonly runFiles: Map<string, string>;
    readonly activity: string[];
    /** Stage directories created with ensureStageDir, in order. */
    readonly ensured: string[];
    constructor(runDir?: string);
    stageDir(nodeId: string): string;
    ensureStageDir(nodeId: string): Promise<string>;
    writeStageFile(nodeId: string, name: string, content: string, _options?: WriteOptions): Promise<void>;
    settleStage(_nodeId: string): Promise<void>;
    readStageFile(nodeId: string, name: string): Promise<string | undefined>;
    readStageFileTail(nodeId: string, name: string, maxBytes: number): Promise<string | undefined>;
    removeStageFile(nodeId: string, name: string): Promise<void>;
    writeRunFile(name: string, content: string): Promise<void>;
    readRunFile(name: string): Promise<string | undefined>;
    appendActivity(line: string): Promise<void>;
    flush(): Promise<void>;
}
