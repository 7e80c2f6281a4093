import type { RunStore, WriteOptions } from '../ports/run-store.js';
import { utf8Tail } from './utf8-tail.js';

/**
 * An in-memory run directory (for `tracker simulate`, embedding and tests): stage dirs are `<runDir>/<nodeId>`.
 * Files live in a map keyed by `<nodeId>/<name>`; nothing touches the disk.
 */
export class MemoryRunStore implements RunStore {
  readonly runDir: string;
  /** Stage files by `<nodeId>/<name>`. */
  readonly stageFiles = new Map<string, string>();
  readonly runFiles = new Map<string, string>();
  readonly activity: string[] = [];
  /** Stage directories created with ensureStageDir, in order. */
  readonly ensured: string[] = [];

  constructor(runDir = '/runs/test') {
    this.runDir = runDir;
  }

  stageDir(nodeId: string): string {
    return `${this.runDir}/${nodeId}`;
  }

  ensureStageDir(nodeId: string): Promise<string> {
    const dir = this.stageDir(nodeId);
    if (!this.ensured.includes(dir)) this.ensured.push(dir);
    return Promise.resolve(dir);
  }

  writeStageFile(
    nodeId: string,
    name: string,
    content: string,
    _options?: WriteOptions
  ): Promise<void> {
    this.stageFiles.set(`${nodeId}/${name}`, content);
    return Promise.resolve();
  }

  settleStage(_nodeId: string): Promise<void> {
    return Promise.resolve();
  }

  readStageFile(nodeId: string, name: string): Promise<string | undefined> {
    return Promise.resolve(this.stageFiles.get(`${nodeId}/${name}`));
  }

  readStageFileTail(nodeId: string, name: string, maxBytes: number): Promise<string | undefined> {
    const text = this.stageFiles.get(`${nodeId}/${name}`);
    if (text === undefined) return Promise.resolve(undefined);
    const bytes = Buffer.from(text, 'utf8');
    return Promise.resolve(utf8Tail(bytes.subarray(Math.max(0, bytes.length - maxBytes))));
  }

  removeStageFile(nodeId: string, name: string): Promise<void> {
    this.stageFiles.delete(`${nodeId}/${name}`);
    return Promise.resolve();
  }

  writeRunFile(name: string, content: string): Promise<void> {
    this.runFiles.set(name, content);
    return Promise.resolve();
  }

  readRunFile(name: string): Promise<string | undefined> {
    return Promise.resolve(this.runFiles.get(name));
  }

  appendActivity(line: string): Promise<void> {
    this.activity.push(line);
    return Promise.resolve();
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }
}
