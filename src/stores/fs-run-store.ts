import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { appendFile, open, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { errorMessage, TrackerError } from '../common/errors.js';
import type { RunStore, WriteOptions } from '../ports/run-store.js';
import { writeAllSync, writeFileAtomicSync } from './atomic-write.js';
import { FreshStageSet } from './fresh-stage-set.js';
import { utf8Tail } from './utf8-tail.js';

const SAFE_SEGMENT = /^[^/\\\0]+$/;

/**
 * A node id as one directory name: `/`, `\`, NUL and `%` are percent-encoded, and a leading `.`
 * becomes `%2E` (so `.`/`..` stay inside the run directory and no node's directory is one of the
 * store's own, `.prepared` or `.checkpoint-slots`).
 */
export function stageDirName(nodeId: string): string {
  if (nodeId === '.' || nodeId === '..') return nodeId.replace(/\./g, '%2E');
  return nodeId
    .replace(/[%/\\\0]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/^\./, '%2E');
}

/** Where prepared stage directories wait, out of sight, until their stage starts. */
const PREPARED_DIR = '.prepared';

function isSafeSegment(name: string): boolean {
  return SAFE_SEGMENT.test(name) && name !== '.' && name !== '..';
}

function segment(name: string, what: string): string {
  if (!isSafeSegment(name)) {
    throw new Error(`Unsafe ${what} '${name}' for a run directory path`);
  }
  return name;
}

/** How long one turn of the idle lane may run before it lets the event loop go on. */
const LANE_SLICE_MS = 2;

/**
 * Background file calls, run synchronously from a timer: they happen in the next turn of the event
 * loop, after the work already queued for this turn (the engine starts the next stage from
 * `setImmediate`), so typically while that stage's command runs; in order, a few milliseconds per turn.
 * On the thread pool each call would cost two thread hand-offs, which on a small VM cost more than the
 * call itself.
 */
class IdleLane {
  readonly #queue: Array<() => void> = [];
  #scheduled = false;
  /** While above zero (see `hurry`), calls run at once instead of waiting for a turn. */
  #hurried = 0;

  run(op: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const call = (): void => {
        try {
          op();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      if (this.#hurried > 0) return call();
      this.#queue.push(call);
      this.#schedule();
    });
  }

  /**
   * Runs every queued call now, and every call made until the returned function is called too: for a
   * caller that must know some background write has landed before it goes on.
   */
  hurry(): () => void {
    this.#hurried++;
    for (let op = this.#queue.shift(); op !== undefined; op = this.#queue.shift()) op();
    return () => {
      this.#hurried--;
    };
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(this.#drain, 0);
  }

  readonly #drain = (): void => {
    this.#scheduled = false;
    const deadline = performance.now() + LANE_SLICE_MS;
    let op = this.#queue.shift();
    while (op !== undefined) {
      op();
      if (performance.now() >= deadline) break;
      op = this.#queue.shift();
    }
    if (this.#queue.length > 0) this.#schedule();
  };
}

/**
 * Writes `content` to `path`, which probably exists (`exists`) or probably does not. An existing file is
 * overwritten in place and then cut to the new length, never truncated to zero first: ext4 flushes a
 * file that was truncated to zero and written again when it is closed (`auto_da_alloc`, so that a crash
 * cannot leave it empty), which made writing a small file that exists — a prepared placeholder — cost
 * 100 µs instead of 30.
 */
function overwriteFileSync(path: string, content: string, exists: boolean): void {
  if (!exists) {
    writeFileSync(path, content, 'utf8');
    return;
  }
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    writeFileSync(path, content, 'utf8'); // removed from outside since
    return;
  }
  try {
    const bytes = Buffer.from(content, 'utf8');
    writeAllSync(fd, bytes, 0);
    if (fstatSync(fd).size > bytes.length) ftruncateSync(fd, bytes.length);
  } finally {
    closeSync(fd);
  }
}

function readIfExists(path: string): string | undefined {
  // Most files asked for do not exist (a command's own status.json): look first, because a failed
  // read costs an exception with a stack trace.
  if (statSync(path, { throwIfNoEntry: false }) === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface FsRunStoreOptions {
  /**
   * Where the store records the stage directories it creates; pass one set to every store of a run
   * (its loop-restart directories too) and the same set to the tool handler.
   */
  readonly freshStages?: FreshStageSet;
}

/**
 * The run directory on disk: `<runDir>/<node>/…`, manifest.json, activity.jsonl.
 *
 * Creating a file or directory is the expensive part of a run's I/O (an inode allocation: about a
 * millisecond on some virtual disks, and such calls do not overlap one another), so the store keeps
 * them off the path between two nodes where it can (docs/decisions/0006-run-directory-io.md):
 * - calls on the same path run in the order they were made, so a background write can never land
 *   after a later removal or read of the same file;
 * - reads and writes a caller waits for run synchronously once their turn comes, and so do
 *   background writes, in an idle lane (a timer, a few ms per turn) that runs while the
 *   event loop waits for a command: no thread-pool hand-offs;
 * - `background` writes resolve at once; `flush()` waits for them and reports the first failure;
 * - `prepareStage` makes a stage directory ahead of time under `.prepared/`, renamed into place
 *   when the stage starts (a rename allocates nothing), so a stage directory still appears only when
 *   its stage starts; `flush()` removes the prepared directories of nodes that never ran;
 * - `settleStage` runs a stage's pending background writes at once: the engine calls it before the
 *   checkpoint that names the stage complete;
 * - every stage directory it creates is recorded in `freshStages` (the tool handler skips removing
 *   stale files from one).
 * `prepareStage` and `freshStages` are this store's own, not the RunStore port's: the composition root
 * (src/runtime/run-stores.ts) wires them to the engine's events and to the tool handler.
 */
export class FsRunStore implements RunStore {
  readonly runDir: string;
  /** Directories this store has made (or found existing). */
  readonly #dirs = new Set<string>();
  readonly #prepared = new Set<string>();
  readonly #used = new Set<string>();
  /** The last queued operation per path (settled, never rejecting). */
  readonly #queues = new Map<string, Promise<void>>();
  readonly #background = new Set<Promise<void>>();
  readonly #lane = new IdleLane();
  #backgroundError: unknown;
  /** Directories this store created during this run (shared with the run's other stores when given). */
  readonly freshStages: FreshStageSet;
  /** Empty files made by `prepareStage` and not written since; paths the store has written. */
  readonly #placeholders = new Set<string>();
  readonly #written = new Set<string>();
  /** Background writes not yet done, by stage directory (what `settleStage` waits for). */
  readonly #pendingByDir = new Map<string, Set<Promise<void>>>();

  constructor(runDir: string, options: FsRunStoreOptions = {}) {
    this.runDir = resolve(runDir);
    this.freshStages = options.freshStages ?? new FreshStageSet();
  }

  stageDir(nodeId: string): string {
    return join(this.runDir, stageDirName(nodeId));
  }

  /** Where `prepareStage` makes the directory `dir` before its stage starts. */
  #preparedPath(dir: string): string {
    return join(this.runDir, PREPARED_DIR, basename(dir));
  }

  /**
   * `mkdir -p`, once per directory; a failure is not remembered, so a later call tries again. A stage
   * directory made ahead by `prepareStage` is renamed into place instead.
   */
  #mkdir(dir: string): void {
    if (this.#dirs.has(dir)) return;
    if (this.#prepared.has(dir) && this.#adoptPrepared(dir)) {
      this.freshStages.add(dir);
      this.#dirs.add(dir);
      return;
    }
    // Anything created means `dir` was (it is the last one made), with its parents or without.
    if (mkdirSync(dir, { recursive: true }) !== undefined) this.freshStages.add(dir);
    this.#dirs.add(dir);
  }

  /** Renames the prepared copy of `dir` into place; false when there is none or `dir` exists. */
  #adoptPrepared(dir: string): boolean {
    try {
      renameSync(this.#preparedPath(dir), dir);
      return true;
    } catch {
      // Not prepared (yet, or it failed), or the stage directory exists from an earlier run: flush()
      // removes the prepared copy.
      return false;
    }
  }

  /** Runs `op` after every earlier operation on `path` has settled. */
  #enqueue<T>(path: string, op: () => T | Promise<T>): Promise<T> {
    const previous = this.#queues.get(path);
    if (previous === undefined) {
      // Nothing pending on this path: no need to wait a turn.
      try {
        const value = op();
        if (!(value instanceof Promise)) return Promise.resolve(value);
        return this.#setLast(path, value);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return this.#setLast(path, previous.then(op));
  }

  /** Makes `result` the last operation on `path` until it settles. */
  #setLast<T>(path: string, result: Promise<T>): Promise<T> {
    const settled = result.then(
      () => undefined,
      () => undefined
    );
    this.#queues.set(path, settled);
    void settled.then(() => {
      if (this.#queues.get(path) === settled) this.#queues.delete(path);
    });
    return result;
  }

  #stagePath(nodeId: string, name: string): { dir: string; path: string } {
    const dir = this.stageDir(nodeId);
    this.#used.add(dir);
    return { dir, path: join(dir, segment(name, 'file name')) };
  }

  /**
   * Background work `flush()` waits for. A failed write is reported by `flush()`; a failed
   * preparation (`report: false`) is not: the node reports its own error if it runs.
   */
  #track(work: Promise<void>, report = true): void {
    const tracked = work.catch((error: unknown) => {
      if (report) this.#backgroundError ??= error;
    });
    this.#background.add(tracked);
    void tracked.then(() => this.#background.delete(tracked));
  }

  /**
   * A hint that `nodeId` may run next: makes its stage directory under `.prepared/`, and `files` in it
   * (empty), in the idle lane, off the path between two nodes; the stage's first use renames it into
   * place. `flush()` removes prepared files never written and prepared directories never used.
   */
  prepareStage(nodeId: string, files: readonly string[] = []): void {
    const dir = this.stageDir(nodeId);
    const prepared = this.#preparedPath(dir);
    if (!this.#dirs.has(dir) && !this.#prepared.has(dir)) {
      this.#prepared.add(dir);
      this.#track(
        this.#lane.run(() => {
          if (!this.#dirs.has(dir)) mkdirSync(prepared, { recursive: true });
        }),
        false
      );
    }
    for (const name of files) {
      if (!isSafeSegment(name)) continue;
      const path = join(dir, name);
      if (this.#placeholders.has(path) || this.#written.has(path)) continue;
      this.#placeholders.add(path);
      // Queued on the path: the node's own write waits for it, then opens an existing file (in the
      // prepared directory, which moves into place with it, or in the stage directory once it has).
      this.#track(
        this.#enqueue(path, () =>
          this.#lane.run(() => {
            if (this.#dirs.has(dir)) return writeFileSync(path, '', { flag: 'a' });
            mkdirSync(prepared, { recursive: true });
            writeFileSync(join(prepared, name), '', { flag: 'a' });
          })
        ),
        false
      );
    }
  }

  ensureStageDir(nodeId: string): Promise<string> {
    const dir = this.stageDir(nodeId);
    this.#used.add(dir);
    try {
      this.#mkdir(dir);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return Promise.resolve(dir);
  }

  writeStageFile(
    nodeId: string,
    name: string,
    content: string,
    options: WriteOptions = {}
  ): Promise<void> {
    let write: Promise<void>;
    try {
      const { dir, path } = this.#stagePath(nodeId, name);
      // A placeholder, or a file this store wrote before, is there to be overwritten in place.
      const exists = this.#written.has(path) || this.#placeholders.has(path);
      this.#written.add(path);
      this.#placeholders.delete(path);
      const op = (): void => {
        this.#mkdir(dir);
        overwriteFileSync(path, content, exists);
      };
      // Waited for: synchronous once its turn comes (writing a small file that exists, such as a
      // prepared placeholder, takes microseconds). Background: in the idle lane.
      if (options.background !== true) return this.#enqueue(path, op);
      write = this.#enqueue(path, () => this.#lane.run(op));
      this.#pendingIn(dir, write);
    } catch (error) {
      write = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      if (options.background !== true) return write;
    }
    this.#track(write);
    return Promise.resolve();
  }

  /** Remembers `write` as pending in `dir` until it settles. */
  #pendingIn(dir: string, write: Promise<void>): void {
    let pending = this.#pendingByDir.get(dir);
    if (!pending) this.#pendingByDir.set(dir, (pending = new Set()));
    const settled = write.then(
      () => undefined,
      () => undefined
    );
    pending.add(settled);
    void settled.then(() => {
      pending.delete(settled);
      if (pending.size === 0 && this.#pendingByDir.get(dir) === pending)
        this.#pendingByDir.delete(dir);
    });
  }

  /**
   * Runs the stage's background writes now and waits for them. A write that fails is reported by
   * `flush()`, as for any background write.
   */
  async settleStage(nodeId: string): Promise<void> {
    const pending = this.#pendingByDir.get(this.stageDir(nodeId));
    if (pending === undefined) return;
    const done = this.#lane.hurry();
    try {
      while (pending.size > 0) await Promise.all([...pending]);
    } finally {
      done();
    }
  }

  readStageFile(nodeId: string, name: string): Promise<string | undefined> {
    let path: string;
    try {
      path = join(this.stageDir(nodeId), segment(name, 'file name'));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.#enqueue(path, () => readIfExists(path));
  }

  async readStageFileTail(
    nodeId: string,
    name: string,
    maxBytes: number
  ): Promise<string | undefined> {
    const path = join(this.stageDir(nodeId), segment(name, 'file name'));
    return this.#enqueue(path, async () => {
      let handle;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        const length = Math.min(size, Math.max(0, Math.floor(maxBytes)));
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, size - length);
        return utf8Tail(buffer.subarray(0, bytesRead));
      } finally {
        await handle.close();
      }
    });
  }

  async removeStageFile(nodeId: string, name: string): Promise<void> {
    const path = join(this.stageDir(nodeId), segment(name, 'file name'));
    this.#written.delete(path);
    return this.#enqueue(path, () => rm(path, { force: true }));
  }

  /** Replaced atomically (temp file + rename): a reader never sees a torn run file. */
  async writeRunFile(name: string, content: string): Promise<void> {
    const path = join(this.runDir, segment(name, 'file name'));
    return this.#enqueue(path, () => {
      this.#mkdir(this.runDir);
      writeFileAtomicSync(path, content, { fsync: false });
    });
  }

  async readRunFile(name: string): Promise<string | undefined> {
    const path = join(this.runDir, segment(name, 'file name'));
    return this.#enqueue(path, () => readIfExists(path));
  }

  async appendActivity(line: string): Promise<void> {
    const path = join(this.runDir, 'activity.jsonl');
    return this.#enqueue(path, async () => {
      this.#mkdir(this.runDir);
      await appendFile(path, line.endsWith('\n') ? line : line + '\n', 'utf8');
    });
  }

  async flush(): Promise<void> {
    while (this.#background.size > 0) await Promise.all([...this.#background]);
    for (const path of this.#placeholders) {
      // A placeholder its node never wrote (it did not run, or stopped first): removed if still empty.
      await this.#enqueue(path, async () => {
        if (readIfExists(path) === '') await rm(path, { force: true });
      }).catch(() => undefined);
    }
    this.#placeholders.clear();
    for (const dir of this.#prepared) {
      this.#prepared.delete(dir);
      // Never used (its node did not run), or not adopted because the stage directory existed.
      rmSync(this.#preparedPath(dir), { recursive: true, force: true });
    }
    try {
      rmdirSync(join(this.runDir, PREPARED_DIR));
    } catch {
      // never made, or something else is in it
    }
    const error = this.#backgroundError;
    if (error !== undefined) {
      this.#backgroundError = undefined;
      throw new TrackerError(
        'IO',
        `Could not write to run directory ${this.runDir}: ${errorMessage(error)}`,
        {
          cause: error
        }
      );
    }
  }
}
