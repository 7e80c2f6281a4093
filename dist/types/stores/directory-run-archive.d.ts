import type { PublishedRun, RunArchive, RunArchiveReason } from '../ports/run-archive.js';
/**
 * A RunArchive in a local directory (a shared volume, a CI workspace cache path, tests): each
 * publication is a numbered copy, `<directory>/00000001/run/…` with `entry.json` beside it, moved into
 * place with one rename so a half-written copy is never restored. The highest number is the newest.
 */
export declare class DirectoryRunArchive implements RunArchive {
    #private;
    readonly directory: string;
    constructor(directory: string);
    publish(runDir: string, reason: RunArchiveReason): Promise<PublishedRun>;
    restore(key: string): Promise<string | undefined>;
}
