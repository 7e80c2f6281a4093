import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { errorMessage, isTrackerError, TrackerError } from '../common/errors.js';
import type { PublishedRun, RunArchive, RunArchiveReason } from '../ports/run-archive.js';
import { archiveKeyMatches, runArchiveKey } from '../ports/run-archive.js';

/** What a publication says about itself (`<entry>/entry.json`). */
interface Entry {
  readonly key: string;
  readonly reason: RunArchiveReason;
  /** The absolute run directory it was published from, and is restored to. */
  readonly source: string;
}

const ENTRY = /^\d{8}$/;
/** Files of a running run that a publication leaves out (the checkpoint's slot ring, decision 0006; the run lock). */
const SKIPPED = new Set(['.checkpoint-slots', '.lock']);

function archiveError(message: string, cause: unknown): TrackerError {
  if (isTrackerError(cause)) return cause;
  return new TrackerError('ARCHIVE', `${message}: ${errorMessage(cause)}`, { cause });
}

function parseEntry(text: string): Entry | undefined {
  try {
    const value = JSON.parse(text) as Partial<Entry>;
    return typeof value.key === 'string' && typeof value.source === 'string'
      ? (value as Entry)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A RunArchive in a local directory (a shared volume, a CI workspace cache path, tests): each
 * publication is a numbered copy, `<directory>/00000001/run/…` with `entry.json` beside it, moved into
 * place with one rename so a half-written copy is never restored. The highest number is the newest.
 */
export class DirectoryRunArchive implements RunArchive {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = resolve(directory);
  }

  async publish(runDir: string, reason: RunArchiveReason): Promise<PublishedRun> {
    const source = resolve(runDir);
    const key = await keyOf(source);
    const staging = join(this.directory, `.publishing-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(staging, { recursive: true });
      await cp(source, join(staging, 'run'), {
        recursive: true,
        filter: (path) => !SKIPPED.has(basename(path))
      });
      const entry: Entry = { key, reason, source };
      await writeFile(join(staging, 'entry.json'), JSON.stringify(entry, null, 2) + '\n');
      for (;;) {
        const name = String((await this.#highest()) + 1).padStart(8, '0');
        try {
          // A concurrent publisher that took this number makes the rename fail: take the next one.
          await rename(staging, join(this.directory, name));
          return { key, location: join(this.directory, name, 'run') };
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
        }
      }
    } catch (error) {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      throw archiveError(`Could not publish ${source} to ${this.directory}`, error);
    }
  }

  async restore(key: string): Promise<string | undefined> {
    try {
      const names = (await this.#entries()).sort().reverse();
      for (const name of names) {
        const text = await readFile(join(this.directory, name, 'entry.json'), 'utf8').catch(
          () => undefined
        );
        const entry = text === undefined ? undefined : parseEntry(text);
        if (entry === undefined || !archiveKeyMatches(entry.key, key)) continue;
        await cp(join(this.directory, name, 'run'), entry.source, { recursive: true, force: true });
        return entry.source;
      }
      return undefined;
    } catch (error) {
      throw archiveError(`Could not restore '${key}' from ${this.directory}`, error);
    }
  }

  async #entries(): Promise<string[]> {
    try {
      return (await readdir(this.directory)).filter((name) => ENTRY.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async #highest(): Promise<number> {
    return Math.max(0, ...(await this.#entries()).map(Number));
  }
}

/** The key a run directory names itself by (manifest.json: pipeline_sha256, run_id). */
async function keyOf(runDir: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(join(runDir, 'manifest.json'), 'utf8');
  } catch (error) {
    throw new TrackerError(
      'ARCHIVE',
      `${runDir} is not a run directory (no readable manifest.json): ${errorMessage(error)}`,
      { cause: error }
    );
  }
  let manifest: { pipeline_sha256?: unknown; run_id?: unknown };
  try {
    manifest = JSON.parse(text) as typeof manifest;
  } catch (error) {
    throw new TrackerError('ARCHIVE', `${runDir}/manifest.json is not JSON.`, { cause: error });
  }
  if (typeof manifest.pipeline_sha256 !== 'string' || typeof manifest.run_id !== 'string')
    throw new TrackerError(
      'ARCHIVE',
      `${runDir}/manifest.json names no pipeline_sha256 and run_id, so the run cannot be filed.`
    );
  return runArchiveKey(manifest.pipeline_sha256, manifest.run_id);
}
