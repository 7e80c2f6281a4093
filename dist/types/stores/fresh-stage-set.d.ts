import type { FreshStageDirs } from '../ports/run-store.js';
/**
 * The stage directories FsRunStore created during this run (decision 0006): one set can be shared by the
 * run's stores (the restart directories too), and is handed to the tool handler as its FreshStageDirs.
 */
export declare class FreshStageSet implements FreshStageDirs {
    #private;
    /** Records a directory that did not exist before this run made it. */
    add(stageDir: string): void;
    claim(stageDir: string): boolean;
}
