/**
 * Uploads a run directory (checkpoint, manifest, activity.jsonl, stage files) as a GitHub Actions artifact
 * with @actions/artifact (service v4) — the trace a maintainer downloads, and the hand-off another workflow
 * resumes from.
 *
 * - **A unique, valid name per job and attempt**: artifact names are unique within the workflow run, across
 *   jobs and attempts (a second upload of a name is a 409), and may not contain `" : < > | * ? \r \n \ /`.
 *   The name is `<prefix>-<job key>-<attempt>`, `-2`, `-3`, … for further publishes in the same attempt;
 *   the job key must tell matrix legs apart (GITHUB_JOB alone does not).
 * - **Retention**: `retentionDays`, capped by the repository's setting (the library warns and clamps).
 * - Reports id, size, digest and the URL upload-artifact reports
 *   (`<server>/<owner>/<repo>/actions/runs/<run id>/artifacts/<id>`).
 * - **Never fatal**: any failure is a warning. The library's client does not warn about an upload that
 *   fails asynchronously (it returns the promise from its try block unawaited), so this adapter does.
 */
import { DefaultArtifactClient } from '@actions/artifact';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../ports/clock.js';
import type {
  ArchivePublication,
  ArchiveReason,
  RunPublisher,
  WarningSink
} from './run-archive-shape.js';
import { withTimeout } from './with-timeout.js';

export type ArtifactLibrary = Pick<DefaultArtifactClient, 'uploadArtifact'>;

export interface ActionsArtifactPublisherSettings {
  /** `artifact-name` (default `tracker-trace`). */
  readonly namePrefix?: string;
  /** Tells this job apart within the run: GITHUB_JOB plus the matrix leg, if any. */
  readonly jobKey: string;
  /** GITHUB_RUN_ATTEMPT. */
  readonly runAttempt: number;
  /** `retention-days`; undefined keeps the repository's default. */
  readonly retentionDays?: number;
  /** GITHUB_SERVER_URL, GITHUB_REPOSITORY (`owner/name`) and GITHUB_RUN_ID, for the artifact's URL. */
  readonly serverUrl: string;
  readonly repository: string;
  readonly runId: string;
  /** Give up waiting for one upload after this long (default 10 min). */
  readonly timeoutMs?: number;
}

export interface ActionsArtifactPublisherDeps {
  readonly clock: Clock;
  readonly warn: WarningSink;
  /** Default: a DefaultArtifactClient. */
  readonly artifacts?: ArtifactLibrary;
}

export type ArtifactPublication = ArchivePublication & { readonly reason: ArchiveReason };

const INVALID_NAME_CHARACTERS = /[":<>|*?\r\n\\/]/g;

export class ActionsArtifactPublisher implements RunPublisher {
  readonly #settings: ActionsArtifactPublisherSettings;
  readonly #deps: ActionsArtifactPublisherDeps;
  readonly #artifacts: ArtifactLibrary;
  #published = 0;

  constructor(settings: ActionsArtifactPublisherSettings, deps: ActionsArtifactPublisherDeps) {
    this.#settings = settings;
    this.#deps = deps;
    this.#artifacts = deps.artifacts ?? new DefaultArtifactClient();
  }

  /** The name the next publish will use. */
  nextName(): string {
    const { namePrefix = 'tracker-trace', jobKey, runAttempt } = this.#settings;
    const base = `${namePrefix}-${jobKey}-${runAttempt}`.replace(INVALID_NAME_CHARACTERS, '_');
    return this.#published === 0 ? base : `${base}-${this.#published + 1}`;
  }

  async publish(runDir: string, reason: ArchiveReason): Promise<ArtifactPublication> {
    const name = this.nextName();
    this.#published++;
    const fail = (warning: string): ArtifactPublication => {
      this.#deps.warn(warning);
      return { ok: false, key: name, warning, reason };
    };
    let files: string[];
    try {
      files = await filesUnder(runDir);
    } catch (error) {
      return fail(`The trace artifact ${name} was not uploaded: ${messageOf(error)}`);
    }
    if (files.length === 0)
      return fail(`The trace artifact ${name} was not uploaded: ${runDir} holds no files.`);
    const { retentionDays, timeoutMs = 600_000 } = this.#settings;
    try {
      const uploaded = await withTimeout(
        this.#artifacts.uploadArtifact(name, files, runDir, {
          ...(retentionDays !== undefined ? { retentionDays } : {})
        }),
        timeoutMs,
        this.#deps.clock
      );
      if (!uploaded.done)
        return fail(
          `The trace artifact ${name} was not uploaded: the artifact service did not finish within ${timeoutMs / 1000} s.`
        );
      const { id, size } = uploaded.value;
      if (id === undefined)
        return fail(`The trace artifact ${name} was not uploaded: the service returned no id.`);
      const { serverUrl, repository, runId } = this.#settings;
      return {
        ok: true,
        key: name,
        id,
        ...(size !== undefined ? { sizeBytes: size } : {}),
        url: `${serverUrl.replace(/\/$/, '')}/${repository}/actions/runs/${runId}/artifacts/${id}`,
        reason
      };
    } catch (error) {
      const message = messageOf(error);
      const hint = message.includes('(409)')
        ? ' Another job or attempt of this workflow run already uploaded an artifact with this name; give each job its own artifact-name.'
        : '';
      return fail(`The trace artifact ${name} was not uploaded: ${message}.${hint}`);
    }
  }
}

/** Every file under `dir`, as absolute paths, in a stable order. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
