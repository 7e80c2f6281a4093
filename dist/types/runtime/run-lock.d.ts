export declare const LOCK_FILE = ".lock";
/** What `.lock` holds. */
export interface RunLockHolder {
    readonly pid: number;
    /** Field 22 of /proc/<pid>/stat (clock ticks after boot); absent where there is no /proc. */
    readonly start_time?: string;
    readonly hostname: string;
    readonly command: string;
    /** ISO time the lock was taken. */
    readonly since: string;
    /** Tells this lock from any other one taken by the same process. */
    readonly token: string;
}
export interface RunLock {
    readonly path: string;
    /** Removes the lock when it is still this one; never throws. */
    release(): void;
}
/** The start time of `pid` (field 22 of /proc/<pid>/stat), or undefined without /proc. */
export declare function processStartTime(pid: number): string | undefined;
/**
 * Takes the lock of `runDir` (made when missing) for this process, or throws a `USAGE` TrackerError
 * naming the live owner.
 */
export declare function acquireRunLock(runDir: string, options: {
    readonly command: string;
    readonly now: Date;
}): RunLock;
