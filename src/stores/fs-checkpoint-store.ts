import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TrackerError } from '../errors.js';
import type { Checkpoint } from '../engine/checkpoint.js';
import { parseCheckpoint, serializeCheckpoint } from '../engine/checkpoint.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import { writeFileAtomic } from './atomic-write.js';

/** `checkpoint.json` on disk, replaced atomically (temp file + fsync + rename) on every save. */
export class FsCheckpointStore implements CheckpointStore {
  constructor(
    readonly path: string,
    private readonly options: { fsync?: boolean } = {}
  ) {}

  async save(checkpoint: Checkpoint): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, serializeCheckpoint(checkpoint), this.options);
  }

  async load(): Promise<Checkpoint | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new TrackerError(
        'IO',
        `Cannot read checkpoint ${this.path}: ${(error as Error).message}`,
        { cause: error }
      );
    }
    return parseCheckpoint(text);
  }
}
