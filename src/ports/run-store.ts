/**
 * The run directory (spec §5.6): per-node files, the manifest and the activity log.
 * Paths are exposed because tool processes receive them in their environment.
 *
 * Operations on the same file happen in the order they were called, whether or not the caller awaits
 * them, so a `background` write is never overtaken by a later read or removal of that file.
 */
export interface RunStore {
  /** Absolute path of the run directory. */
  readonly runDir: string;
  /** Absolute path of a node's stage directory (created on first use by `ensureStageDir`). */
  stageDir(nodeId: string): string;
  ensureStageDir(nodeId: string): Promise<string>;
  writeStageFile(
    nodeId: string,
    name: string,
    content: string,
    options?: WriteOptions
  ): Promise<void>;
  /** undefined when the file does not exist. */
  readStageFile(nodeId: string, name: string): Promise<string | undefined>;
  /**
   * The last `maxBytes` of a stage file (UTF-8; a character cut at the start is dropped), however large
   * the file is; undefined when it does not exist.
   */
  readStageFileTail(nodeId: string, name: string, maxBytes: number): Promise<string | undefined>;
  removeStageFile(nodeId: string, name: string): Promise<void>;
  writeRunFile(name: string, content: string): Promise<void>;
  readRunFile(name: string): Promise<string | undefined>;
  /** Appends one line to activity.jsonl. */
  appendActivity(line: string): Promise<void>;
  /**
   * Resolves once every write made so far to this stage's files has reached the file system (written;
   * fsync is the checkpoint store's business), background writes included. The engine calls it before
   * the checkpoint that names the stage complete, so a crash can never leave a completed stage without
   * its status.json or output files.
   */
  settleStage(nodeId: string): Promise<void>;
  /**
   * Waits until every background write is done; rejects (a TrackerError with code `IO`) with the first
   * one that failed. The engine calls it before a run reports its result.
   */
  flush(): Promise<void>;
}

export interface WriteOptions {
  /**
   * Resolve at once and write in the background (for files nothing reads back during the run, such as
   * `status.json`); a failure surfaces from `flush()`.
   */
  readonly background?: boolean;
}

/**
 * Which stage directories were created during this run, so hold nothing an earlier attempt or run left.
 * Not a duty of every RunStore: a store that can tell (FsRunStore records into a FreshStageSet) offers it,
 * and the composition root hands it to the tool handler, which then skips removing stale files there.
 */
export interface FreshStageDirs {
  /** True at most once per directory (absolute path): the first time it is asked about a fresh one. */
  claim(stageDir: string): boolean;
}
