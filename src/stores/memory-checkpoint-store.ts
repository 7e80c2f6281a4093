import type { Checkpoint } from '../ports/checkpoint.js';
import { parseCheckpoint } from '../engine/checkpoint.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';

/**
 * An in-memory CheckpointStore (a product feature for embedding and tests). It stores the serialized text,
 * so a load returns an independent copy that went through the same validation as a file would.
 */
export class MemoryCheckpointStore implements CheckpointStore {
  #text: string | undefined;
  saves = 0;

  save(serialized: string): Promise<void> {
    this.#text = serialized;
    this.saves += 1;
    return Promise.resolve();
  }

  load(): Promise<Checkpoint | undefined> {
    return Promise.resolve(this.#text === undefined ? undefined : parseCheckpoint(this.#text));
  }
}
