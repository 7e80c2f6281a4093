import type { RunStore, WriteOptions } from '../ports/run-store.js';
import { FreshStageSet } from './fresh-stage-set.js';
/**
 * A node id as one directory name: `/`, `\`, NUL and `%` are percent-encoded, and a leading `.`
 * becomes `%2E` (so `.`/`..` stay inside the run directory and no node's directory is one of the
 * store's own, `.prepared` or `.checkpoint-slots`).
 */
export declare function stageDirName(nodeId: string): string;
export interface FsRunStoreOptions {
    /**
     * Where the store records the stage directories it creates; pass one set to every store of a run
     * (its loop-restart directories too) and the same set to the tool handler.
     */
    readonly freshStages?: FreshStageSet;
}
/**
 * The run directory on disk: `<runDir>/<node>/…`, manifest.json, activity.jsonl.
 *
 * Creating a file or directory is the expensive part of a run's I/O (an inode allocation: about a
 * millisecond on some virtual disks, and such calls do not overlap one another), so the store keeps
 * them off the path between two nodes where it can (docs/decisions/0006-run-directory-io.md):
 * - calls on the same path run in the order they were made, so a background write can never land
 *   after a later removal or read of the same file;
 * - reads and writes a caller waits for run synchronously once their turn comes, and so do
 *   background writes, in an idle lane (a timer, a few ms per turn) that runs while the
 *   event loop waits for a command: no thread-pool hand-offs;
 * - `background` writes resolve at once; `flush()` waits for them and reports the first failure;
 * - `prepareStage` makes a stage directory ahead of time under `.prepared/`, renamed into place
 *   when the stage starts (a rename allocates nothing), so a stage directory still appears only when
 *   its stage starts; `flush()` removes the prepared directories of nodes that never ran;
 * - `settleStage` runs a stage's pending background writes at once: the engine calls it before the
 *   checkpoint that names the stage complete;
 * - every stage directory it creates is recorded in `freshStages` (the tool handler skips removing
 *   stale files from one).
 * `prepareStage` and `freshStages` are this store's own, not the RunStore port's: the composition root
 * (src/runtime/run-stores.ts) wires them to the engine's events and to the tool handler.
 */
export declare class FsRunStore implements RunStore {
    #private;
    readonly runDir: string;
    /** Directories this store created during this run (shared with the run's other stores when given). */
    readonly freshStages: FreshStageSet;
    constructor(runDir: string, options?: FsRunStoreOptions);
    stageDir(nodeId: string): string;
    /**
     * A hint that `nodeId` may run next: makes its stage directory under `.prepared/`, and `files` in it
     * (empty), in the idle lane, off the path between two nodes; the stage's first use renames it into
     * place. `flush()` removes prepared files never written and prepared directories never used.
     */
    prepareStage(nodeId: string, files?: readonly string[]): void;
    ensureStageDir(nodeId: string): Promise<string>;
    writeStageFile(nodeId: string, name: string, content: string, options?: WriteOptions): Promise<void>;
    /**
     * Runs the stage's background writes now and waits for them. A write that fails is reported by
     * `flush()`, as for any background write.
     */
    settleStage(nodeId: string): Promise<void>;
    readStageFile(nodeId: string, name: string): Promise<string | undefined>;
    readStageFileTail(nodeId: string, name: string, maxBytes: number): Promise<string | undefined>;
    removeStageFile(nodeId: string, name: string): Promise<void>;
    /** Replaced atomically (temp file + rename): a reader never sees a torn run file. */
    writeRunFile(name: string, content: string): Promise<void>;
    readRunFile(name: string): Promise<string | undefined>;
    appendActivity(line: string): Promise<void>;
    flush(): Promise<void>;
}
