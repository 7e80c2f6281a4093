import type { Checkpoint } from '../engine/checkpoint.js';

/** Persists a run's checkpoint. `save` must be atomic: a crash leaves the old or the new checkpoint, never a torn one. */
export interface CheckpointStore {
  save(checkpoint: Checkpoint): Promise<void>;
  /** The last saved checkpoint, or undefined when none exists. */
  load(): Promise<Checkpoint | undefined>;
  /** Waits until everything saved is durable (e.g. fsynced). Called when a run ends. */
  flush?(): Promise<void>;
}
