import type { Checkpoint } from '../ports/checkpoint.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
/**
 * An in-memory CheckpointStore (a product feature for embedding and tests). It stores the serialized text,
 * so a load returns an independent copy that went through the same validation as a file would.
 */
export declare class MemoryCheckpointStore implements CheckpointStore {
    #private;
    saves: number;
    save(serialized: string): Promise<void>;
    load(): Promise<Checkpoint | undefined>;
}
