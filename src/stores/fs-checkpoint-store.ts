import { mkdirSync, readFileSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorMessage, TrackerError } from '../errors.js';
import type { Checkpoint } from '../engine/checkpoint.js';
import { parseCheckpoint } from '../engine/checkpoint.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import { tempPathFor, writeFileAtomicSync } from './atomic-write.js';

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * `checkpoint.json` on disk. Each save writes a temp file and renames it over the checkpoint before
 * returning, so a killed process always leaves a complete checkpoint (the old or the new one). The fsync
 * that makes the new file durable against power loss then runs in the background, overlapping the next
 * node; the next save and `flush()` wait for it. Set `durability: 'sync'` to fsync before returning.
 */
export class FsCheckpointStore implements CheckpointStore {
  #dirMade = false;
  #pending: Promise<void> = Promise.resolve();
  /**
   * The temp file for the next save, created in the background after each save: creating a file is
   * the costly part of the write, and this moves it off the path between two nodes.
   */
  #spare: Promise<string | undefined> = Promise.resolve(undefined);
  #syncError: unknown;

  constructor(
    readonly path: string,
    private readonly options: { durability?: 'background' | 'sync' | 'none' } = {}
  ) {}

  async save(serialized: string): Promise<void> {
    await this.#pending;
    if (this.#syncError !== undefined) {
      const cause = this.#syncError;
      this.#syncError = undefined;
      throw new TrackerError('IO', `Cannot fsync checkpoint ${this.path}: ${errorMessage(cause)}`, {
        cause
      });
    }
    const durability = this.options.durability ?? 'background';
    try {
      if (!this.#dirMade) {
        mkdirSync(dirname(this.path), { recursive: true });
        this.#dirMade = true;
      }
      const spare = await this.#spare;
      writeFileAtomicSync(this.path, serialized, {
        fsync: durability === 'sync',
        ...(spare === undefined ? {} : { tmp: spare })
      });
      this.#spare = this.#createSpare();
    } catch (error) {
      throw new TrackerError(
        'IO',
        `Cannot write checkpoint ${this.path}: ${(error as Error).message}`,
        { cause: error }
      );
    }
    if (durability === 'background') {
      this.#pending = fsyncFile(this.path).catch((error: unknown) => {
        this.#syncError = error;
      });
    }
  }

  /** Creates an empty temp file for the next save; undefined (a fresh one is made then) on failure. */
  async #createSpare(): Promise<string | undefined> {
    const tmp = tempPathFor(this.path);
    try {
      await (await open(tmp, 'w', 0o644)).close();
      return tmp;
    } catch {
      return undefined;
    }
  }

  async flush(): Promise<void> {
    await this.#pending;
    const spare = await this.#spare;
    this.#spare = Promise.resolve(undefined);
    if (spare !== undefined) await rm(spare, { force: true });
  }

  load(): Promise<Checkpoint | undefined> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve(undefined);
      return Promise.reject(
        new TrackerError('IO', `Cannot read checkpoint ${this.path}: ${(error as Error).message}`, {
          cause: error
        })
      );
    }
    try {
      return Promise.resolve(parseCheckpoint(text));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
