/**
 * A local mirror of the run-archive port (`src/ports/run-archive.ts`, being written concurrently): keeps a
 * run directory somewhere that outlives the job, and brings it back. ActionsCacheArchive and
 * ActionsArtifactPublisher implement it. When the port lands, delete this file and import the port's types
 * instead (adjusting names if they differ).
 */

/** Why a run directory is being published: the run ended, or it stopped and can be resumed. */
export type ArchiveReason = 'succeeded' | 'failed' | 'stopped' | 'waiting';

/** A run directory brought back from an archive. */
export interface RestoredRun {
  /** Absolute path of the restored run directory. */
  readonly runDir: string;
  /** The archive's name for what was restored (a cache key, an artifact name). */
  readonly key: string;
  /** True when `key` is exactly the one asked for, false for a prefix (newest-wins) match. */
  readonly exact: boolean;
  /** The reason it was published with. */
  readonly reason: ArchiveReason;
}

/**
 * What one publish did. Never an exception: an archive that is unavailable, read-only or failing is a
 * warning for the run, not a failure of it.
 */
export type ArchivePublication =
  | {
      readonly ok: true;
      /** The cache key or artifact name it was stored under. */
      readonly key: string;
      /** The cache entry id or artifact id. */
      readonly id: number;
      readonly sizeBytes?: number;
      readonly url?: string;
    }
  | { readonly ok: false; readonly key: string; readonly warning: string };

export interface RunArchive {
  /** The run directory stored under `key` (or the newest under a key prefix); undefined when none is. */
  restore(key: string): Promise<RestoredRun | undefined>;
  publish(runDir: string, reason: ArchiveReason): Promise<ArchivePublication>;
}

/** An archive that only publishes (artifacts are downloaded by another workflow, not by this run). */
export type RunPublisher = Pick<RunArchive, 'publish'>;

/** Where an adapter's warnings go (the action passes `core.warning`). */
export type WarningSink = (message: string) => void;
