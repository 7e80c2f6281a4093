import type { Checkpoint } from '../../src/ports/checkpoint.js';
import { parseCheckpoint } from '../../src/engine/checkpoint.js';
import type { CheckpointStore } from '../../src/ports/checkpoint-store.js';

/**
 * A CheckpointStore that keeps every checkpoint it was given, in order. A process killed with SIGKILL
 * resumes from the last checkpoint written before the kill, so resuming from `history[i]` is a kill right
 * after save i.
 */
export class RecordingCheckpointStore implements CheckpointStore {
  readonly texts: string[] = [];

  save(serialized: string): Promise<void> {
    this.texts.push(serialized);
    return Promise.resolve();
  }

  load(): Promise<Checkpoint | undefined> {
    const last = this.texts.at(-1);
    return Promise.resolve(last === undefined ? undefined : parseCheckpoint(last));
  }

  /** The first saved checkpoint that satisfies `test` (throws when none does). */
  first(test: (c: Checkpoint) => boolean): Checkpoint {
    for (const text of this.texts) {
      const c = parseCheckpoint(text);
      if (test(c)) return c;
    }
    throw new Error('no saved checkpoint matches');
  }
}
