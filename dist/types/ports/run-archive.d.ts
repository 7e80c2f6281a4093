/**
 * Keeps whole run directories somewhere else — a local directory, the Actions cache, an artifact — so a
 * run can be resumed on another machine or in a later job. The run service restores before it locates a
 * run and publishes when the run ends (success, failure or stop).
 *
 * A run directory names itself: its `manifest.json` holds `pipeline_sha256` and `run_id`. An archive files
 * what it publishes under `runArchiveKey(pipeline_sha256, run_id)` and keeps every publication (the newest
 * wins); where and how is the implementation's business.
 */
export interface RunArchive {
    /**
     * Puts the newest run directory published under `key` — exactly that key, or any key below it
     * (`<sha256>` matches `<sha256>/<run id>`) — back where it was published from, and returns that path;
     * undefined when nothing matches. Files the directory already holds and the publication does not are
     * left alone (as a cache restore does).
     */
    restore(key: string): Promise<string | undefined>;
    /**
     * Publishes the run directory as it is now. Rejects (a TrackerError with code `ARCHIVE`) when it is not
     * a run directory or cannot be kept; the run service reports that as a warning, never as a failure.
     */
    publish(runDir: string, reason: RunArchiveReason): Promise<PublishedRun>;
}
/** Why a run directory is published: how the run ended. */
export type RunArchiveReason = 'success' | 'fail' | 'stopped';
export interface PublishedRun {
    /** The key it was filed under (`runArchiveKey`). */
    readonly key: string;
    /** Where the archive keeps it (a path, a cache key, an artifact URL), for the user to read. */
    readonly location: string;
}
/** `<pipeline sha256>` (every run of that pipeline file) or `<pipeline sha256>/<run id>` (one run). */
export declare function runArchiveKey(pipelineSha256: string, runId?: string): string;
/** Whether a publication filed under `filed` answers a restore of `wanted`. */
export declare function archiveKeyMatches(filed: string, wanted: string): boolean;
