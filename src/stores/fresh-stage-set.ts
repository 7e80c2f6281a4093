import type { FreshStageDirs } from '../ports/run-store.js';

/**
 * The stage directories FsRunStore created during this run (decision 0006): one set can be shared by the
 * run's stores (the restart directories too), and is handed to the tool handler as its FreshStageDirs.
 */
export class FreshStageSet implements FreshStageDirs {
  readonly #dirs = new Set<string>();

  /** Records a directory that did not exist before this run made it. */
  add(stageDir: string): void {
    this.#dirs.add(stageDir);
  }

  claim(stageDir: string): boolean {
    return this.#dirs.delete(stageDir);
  }
}
