import type { Checkpoint } from '../ports/checkpoint.js';
import type { RunIdGenerator } from '../ports/clock.js';
import type { LoadedPipeline } from './load-pipeline.js';
import type { RunLocation, RunStores, RunStoresFactory } from './run-stores.js';
import type { RunNotice } from './run-types.js';
/** Which run to start or continue. */
export type RunTarget = 
/** A new run; `runId` instead of a generated one. */
{
    readonly kind: 'new';
    readonly runId?: string;
}
/** Resume the run whose checkpoint.json this is (`-c`). */
 | {
    readonly kind: 'checkpoint';
    readonly path: string;
}
/** Resume a run by its ID (a unique prefix will do) under `<workdir>/.tracker/runs`, or its directory (`-r`). */
 | {
    readonly kind: 'run';
    readonly run: string;
}
/**
 * Resume the newest run of this pipeline the run archive holds when it has not succeeded, else start a
 * new run (the Action's `resume: auto`). Without an archive: a new run.
 */
 | {
    readonly kind: 'latest';
};
export interface LocateOptions {
    /** Relative paths are resolved against it. */
    readonly cwd: string;
    /** `-w`: where tools run and `.tracker/runs` is; on resume the run's recorded workdir wins when absent. */
    readonly workdir?: string;
    /** `--logs`: the run directory, instead of `.tracker/runs/<run id>` (or the checkpoint's directory). */
    readonly runDir?: string;
    readonly force: boolean;
    readonly stores: RunStoresFactory;
    readonly newRunId: RunIdGenerator;
    readonly onNotice?: (notice: RunNotice) => void;
}
export interface LocatedRun {
    readonly runId: string;
    readonly location: RunLocation;
    readonly stores: RunStores;
    readonly resumeFrom?: Checkpoint;
    /** The absolute workdir the run uses. */
    readonly workdir: string;
}
/** Resolved targets: a `latest` target has become one of these before locating. */
export type LocatableTarget = Exclude<RunTarget, {
    kind: 'latest';
}>;
export declare function locateRun(target: LocatableTarget, pipeline: LoadedPipeline, options: LocateOptions): Promise<LocatedRun>;
