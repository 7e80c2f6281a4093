import type { Checkpoint } from './checkpoint.js';
/**
 * Persists a run's checkpoint. `save` receives the checkpoint already serialized (JSON text from
 * `serializeCheckpoint` or the engine's incremental serializer) and must be atomic: a crash leaves the old
 * or the new checkpoint, never a torn one.
 */
export interface CheckpointStore {
    save(serialized: string): Promise<void>;
    /** The last saved checkpoint, or undefined when none exists. */
    load(): Promise<Checkpoint | undefined>;
    /** Waits until everything saved is durable (e.g. fsynced). Called when a run ends. */
    flush?(): Promise<void>;
}
