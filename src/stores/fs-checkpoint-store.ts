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
 * returning, so a killed process always leaves a complete checkpoint (the old or the new one).
 *
 * With the default `durability: 'background'`, the fsync that makes the file durable against power
 * loss runs in the background and never delays a save: while one fsync runs, later saves only mark
 * the file dirty, and one more fsync follows (group commit). `flush()` waits until the newest
 * checkpoint is synced. `'sync'` fsyncs before each save returns; `'none'` never fsyncs.
 */
export class FsCheckpointStore implements CheckpointStore {
  #dirMade = false;
  #syncing: Promise<void> | undefined;
  #dirty = false;
  /**
   * An empty temp file for the next save, created in the background after each save (creating a file
   * is the costly part of the write). A save uses it when it is ready and makes its own otherwise.
   */
  #spare: string | undefined;
  #spareMaking: Promise<void> | undefined;
  #syncError: unknown;

  constructor(
    readonly path: string,
    private readonly options: { durability?: 'background' | 'sync' | 'none' } = {}
  ) {}

  save(serialized: string): Promise<void> {
    try {
      this.#saveSync(serialized);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #saveSync(serialized: string): void {
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
      const spare = this.#spare;
      this.#spare = undefined;
      writeFileAtomicSync(this.path, serialized, {
        fsync: durability === 'sync',
        ...(spare === undefined ? {} : { tmp: spare })
      });
      this.#makeSpare();
    } catch (error) {
      throw new TrackerError(
        'IO',
        `Cannot write checkpoint ${this.path}: ${(error as Error).message}`,
        { cause: error }
      );
    }
    if (durability === 'background') this.#scheduleSync();
  }

  /** Starts an fsync of the checkpoint, or marks it dirty when one is running already. */
  #scheduleSync(): void {
    if (this.#syncing !== undefined) {
      this.#dirty = true;
      return;
    }
    this.#syncing = fsyncFile(this.path)
      .catch((error: unknown) => {
        this.#syncError ??= error;
      })
      .finally(() => {
        this.#syncing = undefined;
        if (this.#dirty) {
          this.#dirty = false;
          this.#scheduleSync();
        }
      });
  }

  #makeSpare(): void {
    if (this.#spareMaking !== undefined || this.#spare !== undefined) return;
    this.#spareMaking = this.#createSpare().then((tmp) => {
      this.#spareMaking = undefined;
      this.#spare = tmp;
    });
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
    while (this.#syncing !== undefined) await this.#syncing;
    await this.#spareMaking;
    const spare = this.#spare;
    this.#spare = undefined;
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
