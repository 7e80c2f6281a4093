/**
 * Keeps run directories in the GitHub Actions cache (@actions/cache, service v2) so a re-run of a failed
 * job, or a later job on the same ref, can resume the run.
 *
 * - **A unique key per save** — entries are immutable: `<prefix>-v1-<pipeline hash>-<ref>:<run id>-<attempt>-<n>`.
 *   The ref ends with `:`, which git refs cannot contain, so `refs/heads/main` never prefix-matches
 *   `refs/heads/main-2`.
 * - **Newest wins on restore**: `restore(resumeKey)` asks for the newest entry of this workflow run, then
 *   the newest of this pipeline and ref (`lineage`); any saved key or key prefix can be asked for.
 * - **One fixed cache path**: the library's cache `version` hashes the literal path strings, so the run
 *   directory is staged at `.tracker/archive/run` (with `archive.json` naming where it belongs) and cached
 *   as `.tracker/archive`, whatever the run's id; restore moves it back into place.
 * - **Never fatal**: a save that returns -1 (key taken, read-only token, ACTIONS_CACHE_MODE, service down —
 *   the library only logs which), no cache service, or a call that hangs becomes a warning.
 *
 * The process's working directory must be the workspace, as on a runner: @actions/cache globs relative
 * paths from the cwd and tars them relative to GITHUB_WORKSPACE.
 */
import * as actionsCache from '@actions/cache';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import type { Clock } from '../ports/clock.js';
import type {
  ArchivePublication,
  ArchiveReason,
  RestoredRun,
  RunArchive,
  WarningSink
} from './run-archive-shape.js';
import { withTimeout } from './with-timeout.js';

/** The cache path every save uses, relative to the workspace. */
export const ARCHIVE_PATH = '.tracker/archive';
/** Bumped when the archive layout changes, so old entries are never restored. */
const SCHEMA = 'v1';
const REASONS: readonly ArchiveReason[] = ['succeeded', 'failed', 'stopped', 'waiting'];

export type CacheLibrary = Pick<
  typeof actionsCache,
  'saveCache' | 'restoreCache' | 'isFeatureAvailable'
>;

export interface ActionsCacheArchiveSettings {
  /** GITHUB_WORKSPACE; run directories must be inside it. */
  readonly workspace: string;
  /** `cache-key-prefix` (default `tracker`). */
  readonly keyPrefix?: string;
  /** Identifies the pipeline (e.g. a hash of its file); a changed pipeline starts a new lineage. */
  readonly pipelineHash: string;
  /** GITHUB_REF. */
  readonly ref: string;
  /** GITHUB_RUN_ID. */
  readonly runId: string;
  /** GITHUB_RUN_ATTEMPT. */
  readonly runAttempt: number;
  /** Give up waiting for one cache call after this long (default 120 s; the library's are minutes). */
  readonly timeoutMs?: number;
}

export interface ActionsCacheArchiveDeps {
  readonly clock: Clock;
  readonly warn: WarningSink;
  /** Default: @actions/cache itself. */
  readonly cache?: CacheLibrary;
}

interface ArchiveManifest {
  readonly schema: 1;
  /** The run directory, relative to the workspace. */
  readonly runDir: string;
  readonly reason: ArchiveReason;
}

export class ActionsCacheArchive implements RunArchive {
  /** The key prefix of every save for this pipeline and ref. */
  readonly lineage: string;
  /** The prefix of this workflow run's saves (any attempt). */
  readonly resumeKey: string;
  readonly #settings: ActionsCacheArchiveSettings;
  readonly #deps: ActionsCacheArchiveDeps;
  readonly #cache: CacheLibrary;
  #saves = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(settings: ActionsCacheArchiveSettings, deps: ActionsCacheArchiveDeps) {
    this.#settings = settings;
    this.#deps = deps;
    this.#cache = deps.cache ?? actionsCache;
    const ref = settings.ref.replace(/[%,]/g, (c) => encodeURIComponent(c));
    this.lineage = `${settings.keyPrefix ?? 'tracker'}-${SCHEMA}-${settings.pipelineHash}-${ref}:`;
    this.resumeKey = `${this.lineage}${settings.runId}-`;
  }

  /** The key the next save will use. */
  nextKey(): string {
    return `${this.resumeKey}${this.#settings.runAttempt}-${this.#saves + 1}`;
  }

  publish(runDir: string, reason: ArchiveReason): Promise<ArchivePublication> {
    return this.#serial(() => this.#publish(runDir, reason));
  }

  restore(key: string): Promise<RestoredRun | undefined> {
    return this.#serial(() => this.#restore(key));
  }

  async #publish(runDir: string, reason: ArchiveReason): Promise<ArchivePublication> {
    const key = this.nextKey();
    const fail = (warning: string): ArchivePublication => {
      this.#deps.warn(warning);
      return { ok: false, key, warning };
    };
    const inside = this.#relativeToWorkspace(runDir);
    if (inside === undefined)
      return fail(
        `The run directory ${runDir} is outside the workspace ${this.#settings.workspace}, so it cannot be cached; run tracker with its run directory inside GITHUB_WORKSPACE.`
      );
    const unavailable = this.#unavailable();
    if (unavailable) return fail(`The run directory was not cached: ${unavailable}`);
    if (!(await isDirectory(runDir)))
      return fail(`The run directory ${runDir} does not exist, so nothing was cached.`);
    this.#saves++;
    const stage = join(this.#settings.workspace, ARCHIVE_PATH);
    try {
      await rm(stage, { recursive: true, force: true });
      await mkdir(stage, { recursive: true });
      await cp(runDir, join(stage, 'run'), { recursive: true });
      const manifest: ArchiveManifest = { schema: 1, runDir: inside, reason };
      await writeFile(join(stage, 'archive.json'), JSON.stringify(manifest) + '\n');
      const saved = await this.#call(() => this.#cache.saveCache([ARCHIVE_PATH], key));
      if (!saved.done)
        return fail(
          `The run directory was not cached under ${key}: the cache service did not answer within ${this.#timeoutSeconds()} s.`
        );
      if (saved.value === -1)
        return fail(
          `The run directory was not cached under ${key}: the cache refused or could not take it (a read-only cache token, as for pull requests from forks; ACTIONS_CACHE_MODE without write; the service unavailable; or the key already taken). The lines above from @actions/cache say which.`
        );
      return { ok: true, key, id: saved.value };
    } catch (error) {
      return fail(`The run directory was not cached under ${key}: ${messageOf(error)}`);
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  }

  async #restore(key: string): Promise<RestoredRun | undefined> {
    const unavailable = this.#unavailable();
    if (unavailable) {
      this.#deps.warn(`No run directory was restored: ${unavailable}`);
      return undefined;
    }
    const restoreKeys = [this.resumeKey, this.lineage].filter(
      (k) => k.length < key.length && key.startsWith(k)
    );
    const stage = join(this.#settings.workspace, ARCHIVE_PATH);
    try {
      await rm(stage, { recursive: true, force: true });
      const restored = await this.#call(() =>
        this.#cache.restoreCache([ARCHIVE_PATH], key, restoreKeys)
      );
      if (!restored.done) {
        this.#deps.warn(
          `No run directory was restored: the cache service did not answer within ${this.#timeoutSeconds()} s.`
        );
        return undefined;
      }
      const matched = restored.value;
      if (matched === undefined) return undefined;
      const manifest = await this.#readManifest(stage);
      if (typeof manifest === 'string') {
        this.#deps.warn(`The cache entry ${matched} was not restored: ${manifest}`);
        return undefined;
      }
      const target = join(this.#settings.workspace, manifest.runDir);
      await rm(target, { recursive: true, force: true });
      await mkdir(join(target, '..'), { recursive: true });
      await rename(join(stage, 'run'), target);
      return { runDir: target, key: matched, exact: matched === key, reason: manifest.reason };
    } catch (error) {
      this.#deps.warn(`No run directory was restored: ${messageOf(error)}`);
      return undefined;
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  }

  /** The manifest of a restored archive, or why it cannot be trusted. */
  async #readManifest(stage: string): Promise<ArchiveManifest | string> {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(join(stage, 'archive.json'), 'utf8'));
    } catch {
      return 'it has no readable archive.json.';
    }
    const m = value as Partial<Record<keyof ArchiveManifest, unknown>>;
    if (
      m.schema !== 1 ||
      typeof m.runDir !== 'string' ||
      !REASONS.includes(m.reason as ArchiveReason)
    )
      return 'its archive.json is not one this version of tracker wrote.';
    const runDir = normalize(m.runDir);
    if (isAbsolute(runDir) || runDir === '.' || runDir.split(sep).includes('..'))
      return `its run directory ${JSON.stringify(m.runDir)} is not a path inside the workspace.`;
    if (!(await isDirectory(join(stage, 'run')))) return 'it holds no run directory.';
    return { schema: 1, runDir, reason: m.reason as ArchiveReason };
  }

  #unavailable(): string | undefined {
    if (!this.#cache.isFeatureAvailable())
      return 'the Actions cache service is not available here (ACTIONS_RESULTS_URL is not set).';
    if (resolve(ARCHIVE_PATH) !== join(this.#settings.workspace, ARCHIVE_PATH))
      return `the working directory ${resolve('.')} is not the workspace ${this.#settings.workspace}, and @actions/cache resolves paths from it.`;
    return undefined;
  }

  #relativeToWorkspace(runDir: string): string | undefined {
    const rel = relative(this.#settings.workspace, resolve(runDir));
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : rel;
  }

  #call<T>(work: () => Promise<T>) {
    return withTimeout(work(), this.#settings.timeoutMs ?? 120_000, this.#deps.clock);
  }

  #timeoutSeconds(): number {
    return (this.#settings.timeoutMs ?? 120_000) / 1000;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
