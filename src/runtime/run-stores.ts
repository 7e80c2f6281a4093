import { join } from 'node:path';
import { ActivityLogSink } from '../adapters/activity-log-sink.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import type { EventSink } from '../ports/event-sink.js';
import type { FreshStageDirs, RunStore } from '../ports/run-store.js';
import { FreshStageSet } from '../stores/fresh-stage-set.js';
import { FsCheckpointStore } from '../stores/fs-checkpoint-store.js';
import { FsRunStore } from '../stores/fs-run-store.js';
import type { RunLock } from './run-lock.js';
import { acquireRunLock } from './run-lock.js';
import type { PrepareStage } from './stage-prefetch.js';

/** Where a run lives: its run directory and its checkpoint file (`-c FILE --logs DIR` keeps them apart). */
export interface RunLocation {
  readonly runDir: string;
  readonly checkpointPath: string;
}

/** The activity log of a run: a sink of every event, closed when the run ends. */
export interface ActivityLog extends EventSink {
  /** Rejects with the first write that failed (the run itself is not failed by it). */
  close(): Promise<void>;
}

/**
 * What one run writes to. Making it has no side effects (a refused resume leaves nothing behind);
 * the run service reads the checkpoint through `checkpointStore` before the run starts.
 */
export interface RunStores {
  readonly runStore: RunStore;
  readonly checkpointStore: CheckpointStore;
  /** The store for the n-th `loop_restart` (a fresh directory); absent = the same store. */
  restartRunStore?(restart: number): RunStore;
  /** Opens the run's activity log; absent = the run keeps none. */
  openActivityLog?(): ActivityLog;
  /** Optional capability: stage directories created during this run (the tool handler skips clean-up). */
  readonly freshStages?: FreshStageDirs;
  /** Optional capability: prepare a stage directory ahead of time, in the store in use now. */
  readonly prepareStage?: PrepareStage;
  /**
   * Makes this process the run's one owner until `release` (the run directory's `.lock`), or throws a
   * `USAGE` TrackerError naming the live owner; absent = the store needs no lock.
   */
  acquireLock?(owner: { readonly command: string; readonly now: Date }): RunLock;
}

export type RunStoresFactory = (location: RunLocation) => RunStores;

/**
 * The run directory on disk (what the CLI and the Action use): FsRunStore, FsCheckpointStore,
 * activity.jsonl, `restart-N/` directories after loop restarts, and FsRunStore's I/O capabilities
 * (decision 0006) — one FreshStageSet for all of the run's stores, prepared stages in the current one.
 */
export const fsRunStores: RunStoresFactory = ({ runDir, checkpointPath }) => {
  const freshStages = new FreshStageSet();
  let current = new FsRunStore(runDir, { freshStages });
  let activity: ActivityLogSink | undefined;
  return {
    runStore: current,
    checkpointStore: new FsCheckpointStore(checkpointPath),
    restartRunStore: (restart) => {
      const dir = join(runDir, `restart-${restart}`);
      activity?.moveTo(dir);
      current = new FsRunStore(dir, { freshStages });
      return current;
    },
    openActivityLog: () => (activity = new ActivityLogSink(runDir)),
    freshStages,
    prepareStage: (nodeId, files) => current.prepareStage(nodeId, files),
    acquireLock: (owner) => acquireRunLock(runDir, owner)
  };
};
