/**
 * The run directory (spec §5.6): per-node files, the manifest and the activity log.
 * Paths are exposed because tool processes receive them in their environment.
 */
export interface RunStore {
  /** Absolute path of the run directory. */
  readonly runDir: string;
  /** Absolute path of a node's stage directory (created on first use by `ensureStageDir`). */
  stageDir(nodeId: string): string;
  ensureStageDir(nodeId: string): Promise<string>;
  writeStageFile(nodeId: string, name: string, content: string): Promise<void>;
  /** undefined when the file does not exist. */
  readStageFile(nodeId: string, name: string): Promise<string | undefined>;
  removeStageFile(nodeId: string, name: string): Promise<void>;
  writeRunFile(name: string, content: string): Promise<void>;
  readRunFile(name: string): Promise<string | undefined>;
  /** Appends one line to activity.jsonl. */
  appendActivity(line: string): Promise<void>;
}
