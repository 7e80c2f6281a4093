import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync
} from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorMessage, TrackerError } from '../common/errors.js';
import type { Checkpoint } from '../ports/checkpoint.js';
import { parseCheckpoint } from '../engine/checkpoint.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import { writeAllSync } from './atomic-write.js';

/**
 * How many checkpoint files are reused in turn. A save rewrites the oldest of them, so a reader that
 * keeps `checkpoint.json` open across this many later saves could see it change under it.
 */
export const CHECKPOINT_SLOTS = 8;

/** Background fsyncs start at most this often (a run's end always syncs: `flush`). */
export const FSYNC_INTERVAL_MS = 50;

/** A slot file kept open between saves: its name, descriptor, inode and current size. */
interface OpenSlot {
  readonly path: string;
  readonly fd: number;
  readonly ino: number;
  size: number;
}

function inodeOf(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

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
 * The temp files are a ring of CHECKPOINT_SLOTS files in `.checkpoint-slots/`, each a second name
 * (hard link) of one recent checkpoint: a save rewrites the oldest slot, renames it over
 * `checkpoint.json` and links the slot's name back to it. The checkpoint replaced keeps its slot name,
 * so no save creates or frees a file (inode): on ext4 without a journal a freed inode is skipped by
 * every allocation for a minute or more, so one freed inode per node made every file created later
 * in the run slower (decision 0006). The slots are removed when the run ends (`flush`).
 *
 * With the default `durability: 'background'`, the fsync that makes the file durable against power
 * loss runs in the background and never delays a save: while one fsync runs (or within
 * FSYNC_INTERVAL_MS of the last one), later saves only mark the file dirty, and one more fsync follows
 * (group commit). `flush()` waits until the newest
 * checkpoint is synced. `'sync'` fsyncs before each save returns; `'none'` never fsyncs.
 */
export class FsCheckpointStore implements CheckpointStore {
  #slotsMade = false;
  /** The inode `checkpoint.json` names (null: none yet; undefined: not looked up yet). */
  #currentIno: number | null | undefined;
  #nextSlot = 0;
  #syncing: Promise<void> | undefined;
  #syncTimer: NodeJS.Timeout | undefined;
  #lastSyncAt = -Infinity;
  #dirty = false;
  #syncError: unknown;
  #buffer: Buffer = Buffer.allocUnsafeSlow(16 * 1024);
  readonly #slots: (OpenSlot | undefined)[] = [];
  readonly #slotDir: string;

  constructor(
    readonly path: string,
    private readonly options: { durability?: 'background' | 'sync' | 'none' } = {}
  ) {
    this.#slotDir = join(dirname(path), '.checkpoint-slots');
  }

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
      if (!this.#slotsMade) {
        mkdirSync(this.#slotDir, { recursive: true });
        this.#slotsMade = true;
      }
      const index = this.#nextSlot;
      this.#nextSlot = (this.#nextSlot + 1) % CHECKPOINT_SLOTS;
      const bytes = this.#encode(serialized);
      // A slot kept open since an earlier save whose name has gone (the slot directory was removed
      // from outside) is opened again, once.
      for (let attempt = 0; ; attempt++) {
        const slot = this.#slot(index);
        // Rewritten in place (its inode and blocks reused). Only what the old content had beyond the
        // new is cut: truncating to zero first would free every block and allocate them again (and,
        // mounted with `discard`, trim each one on the disk).
        writeAllSync(slot.fd, bytes, 0);
        if (bytes.length < slot.size) ftruncateSync(slot.fd, bytes.length);
        slot.size = bytes.length;
        if (durability === 'sync') fdatasyncSync(slot.fd);
        try {
          renameSync(slot.path, this.path);
        } catch (error) {
          this.#forgetSlot(index);
          if ((error as NodeJS.ErrnoException).code === 'ENOENT' && attempt === 0) continue;
          throw error;
        }
        this.#currentIno = slot.ino;
        try {
          linkSync(this.path, slot.path);
        } catch {
          this.#forgetSlot(index); // created again when its turn comes
        }
        break;
      }
    } catch (error) {
      this.#currentIno = undefined; // looked up again by the next save
      throw new TrackerError(
        'IO',
        `Cannot write checkpoint ${this.path}: ${(error as Error).message}`,
        { cause: error }
      );
    }
    if (durability === 'background') this.#scheduleSync();
  }

  /**
   * `serialized` as UTF-8, in a buffer reused from save to save. A new Buffer per save cost 0.1 ms
   * whatever its size (a fresh allocation of a checkpoint-sized buffer: mapped, faulted in, freed),
   * more than encoding into memory that is already there.
   */
  #encode(serialized: string): Buffer {
    for (;;) {
      const buffer = this.#buffer;
      const length = buffer.write(serialized, 0, 'utf8');
      // `write` stops before a character that does not fit; with 4 bytes to spare, none was left out.
      if (length <= buffer.length - 4) return buffer.subarray(0, length);
      this.#buffer = Buffer.allocUnsafeSlow(
        Math.max(buffer.length * 2, Buffer.byteLength(serialized, 'utf8') + 4)
      );
    }
  }

  /**
   * Slot `index`, open for rewriting. Slots stay open from save to save (opening, inspecting and
   * closing one cost three system calls per save); each is opened the first time its turn comes.
   * Never the current checkpoint itself: slots left by an earlier process (killed before its run
   * ended) may include the file `checkpoint.json` names, and rewriting that in place would not be
   * atomic.
   */
  #slot(index: number): OpenSlot {
    this.#currentIno ??= inodeOf(this.path);
    const open = this.#slots[index];
    if (open !== undefined && open.ino !== this.#currentIno) return open;
    if (open !== undefined) this.#forgetSlot(index);
    const path = join(this.#slotDir, `${basename(this.path)}.${index}`);
    const fd = this.#openSlot(path);
    try {
      const { ino, size } = fstatSync(fd);
      const slot = { path, fd, ino, size };
      this.#slots[index] = slot;
      return slot;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  #forgetSlot(index: number): void {
    const open = this.#slots[index];
    if (open === undefined) return;
    this.#slots[index] = undefined;
    try {
      closeSync(open.fd);
    } catch {
      // already closed
    }
  }

  /** Opens a slot's file: an existing one that is not the current checkpoint, else a new one. */
  #openSlot(slot: string): number {
    try {
      const fd = openSync(slot, 'r+');
      if (fstatSync(fd).ino !== this.#currentIno) return fd;
      closeSync(fd);
      unlinkSync(slot); // only this name: the file lives on as checkpoint.json
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      return openSync(slot, 'w', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(this.#slotDir, { recursive: true }); // removed from outside since
      return openSync(slot, 'w', 0o644);
    }
  }

  /**
   * Starts an fsync of the checkpoint, or marks it dirty when one is running or waiting already. Syncs
   * start at most every FSYNC_INTERVAL_MS: each costs a disk flush and three thread-pool calls, and a
   * chain of quick nodes would otherwise sync after nearly every one.
   */
  #scheduleSync(): void {
    if (this.#syncing !== undefined || this.#syncTimer !== undefined) {
      this.#dirty = true;
      return;
    }
    const wait = this.#lastSyncAt + FSYNC_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.#startSync();
      return;
    }
    this.#dirty = true;
    this.#syncTimer = setTimeout(() => {
      this.#syncTimer = undefined;
      if (!this.#dirty) return;
      this.#dirty = false;
      this.#startSync();
    }, wait);
    this.#syncTimer.unref(); // flush() syncs what is left when the run ends
  }

  #startSync(): void {
    this.#lastSyncAt = performance.now();
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

  async flush(): Promise<void> {
    for (;;) {
      if (this.#syncing !== undefined) {
        await this.#syncing;
        continue;
      }
      if (this.#syncTimer === undefined) break;
      clearTimeout(this.#syncTimer);
      this.#syncTimer = undefined;
      if (this.#dirty) {
        this.#dirty = false;
        this.#startSync();
      }
    }
    for (let index = 0; index < CHECKPOINT_SLOTS; index++) this.#forgetSlot(index);
    if (!this.#slotsMade) return;
    this.#slotsMade = false;
    await rm(this.#slotDir, { recursive: true, force: true });
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
