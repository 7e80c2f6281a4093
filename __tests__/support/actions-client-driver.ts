/**
 * Child-process entry (run through tsx by actions-client-process.ts): calls the real @actions/cache and
 * @actions/artifact, step by step, in a process whose environment is exactly what the test gave it — the
 * libraries read ACTIONS_* / GITHUB_* when called, @actions/github builds its `context` and
 * @actions/artifact reads ACTIONS_ARTIFACT_MAX_ARTIFACT_COUNT when loaded, and all of them log to stdout as
 * workflow commands. A `::tracker-step::<i>` line before each step lets the parent split the log by step.
 * Each library is imported when a step first needs it (loading both costs seconds on a busy machine).
 *
 * argv: <plan.json> <results.json>. The plan is a `DriverStep[]`; the results a `DriverResult[]`.
 */
import type { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  ActionsArtifactPublisher,
  ActionsArtifactPublisherSettings
} from '../../src/adapters/actions-artifact-publisher.js';
import type {
  ActionsCacheArchive,
  ActionsCacheArchiveSettings
} from '../../src/adapters/actions-cache-archive.js';
import type { ArchiveReason } from '../../src/adapters/run-archive-shape.js';
import { systemClock } from '../../src/adapters/system-clock.js';

export type DriverStep =
  | { readonly op: 'isFeatureAvailable' }
  | { readonly op: 'saveCache'; readonly paths: string[]; readonly key: string }
  | {
      readonly op: 'restoreCache';
      readonly paths: string[];
      readonly key: string;
      readonly restoreKeys?: string[];
      readonly lookupOnly?: boolean;
    }
  | {
      readonly op: 'uploadArtifact';
      readonly name: string;
      readonly files: string[];
      readonly root: string;
      readonly retentionDays?: number;
      readonly skipArchive?: boolean;
    }
  | { readonly op: 'listArtifacts'; readonly latest?: boolean }
  | { readonly op: 'getArtifact'; readonly name: string }
  | {
      readonly op: 'downloadArtifact';
      readonly id: number;
      readonly path: string;
      readonly expectedHash?: string;
    }
  | { readonly op: 'deleteArtifact'; readonly name: string }
  /** Creates the ActionsCacheArchive the `archive*` steps use (warnings go to core.warning). */
  | { readonly op: 'cacheArchive'; readonly settings: ActionsCacheArchiveSettings }
  | { readonly op: 'archivePublish'; readonly runDir: string; readonly reason: ArchiveReason }
  /** Restores a key, or the archive's own `resumeKey` / `lineage`. */
  | {
      readonly op: 'archiveRestore';
      readonly key: string | { readonly of: 'resumeKey' | 'lineage' };
    }
  /** Creates the ActionsArtifactPublisher `publisherPublish` uses. */
  | { readonly op: 'artifactPublisher'; readonly settings: ActionsArtifactPublisherSettings }
  | { readonly op: 'publisherPublish'; readonly runDir: string; readonly reason: ArchiveReason }
  /** Writes a file (creating its directory), e.g. the next checkpoint between two saves. */
  | { readonly op: 'writeFile'; readonly path: string; readonly content: string }
  /** Changes the working directory (the cache archive needs it to be the workspace). */
  | { readonly op: 'chdir'; readonly dir: string }
  /** Changes the environment before the next step (`null` unsets). */
  | { readonly op: 'env'; readonly set: Readonly<Record<string, string | null>> };

export type DriverResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

const cacheLibrary = () => import('@actions/cache');
let artifactClient: DefaultArtifactClient | undefined;
async function artifactLibrary(): Promise<DefaultArtifactClient> {
  const { DefaultArtifactClient } = await import('@actions/artifact');
  return (artifactClient ??= new DefaultArtifactClient());
}

let archive: ActionsCacheArchive | undefined;
let publisher: ActionsArtifactPublisher | undefined;
const adapterDeps = { clock: systemClock, warn: (message: string) => core.warning(message) };

async function runStep(step: DriverStep): Promise<unknown> {
  switch (step.op) {
    case 'cacheArchive':
      archive = new (
        await import('../../src/adapters/actions-cache-archive.js')
      ).ActionsCacheArchive(step.settings, adapterDeps);
      return { lineage: archive.lineage, resumeKey: archive.resumeKey, nextKey: archive.nextKey() };
    case 'archivePublish':
      return archive!.publish(step.runDir, step.reason);
    case 'archiveRestore':
      return archive!.restore(typeof step.key === 'string' ? step.key : archive![step.key.of]);
    case 'artifactPublisher':
      publisher = new (
        await import('../../src/adapters/actions-artifact-publisher.js')
      ).ActionsArtifactPublisher(step.settings, adapterDeps);
      return { nextName: publisher.nextName() };
    case 'publisherPublish':
      return publisher!.publish(step.runDir, step.reason);
    case 'isFeatureAvailable':
      return (await cacheLibrary()).isFeatureAvailable();
    case 'saveCache':
      return (await cacheLibrary()).saveCache(step.paths, step.key);
    case 'restoreCache':
      return (await cacheLibrary()).restoreCache(step.paths, step.key, step.restoreKeys, {
        ...(step.lookupOnly !== undefined ? { lookupOnly: step.lookupOnly } : {})
      });
    case 'uploadArtifact':
      return (await artifactLibrary()).uploadArtifact(step.name, step.files, step.root, {
        ...(step.retentionDays !== undefined ? { retentionDays: step.retentionDays } : {}),
        ...(step.skipArchive !== undefined ? { skipArchive: step.skipArchive } : {})
      });
    case 'listArtifacts':
      return (await artifactLibrary()).listArtifacts({
        ...(step.latest !== undefined ? { latest: step.latest } : {})
      });
    case 'getArtifact':
      return (await artifactLibrary()).getArtifact(step.name);
    case 'downloadArtifact':
      return (await artifactLibrary()).downloadArtifact(step.id, {
        path: step.path,
        ...(step.expectedHash !== undefined ? { expectedHash: step.expectedHash } : {})
      });
    case 'deleteArtifact':
      return (await artifactLibrary()).deleteArtifact(step.name);
    case 'writeFile':
      mkdirSync(dirname(step.path), { recursive: true });
      writeFileSync(step.path, step.content);
      return undefined;
    case 'chdir':
      process.chdir(step.dir);
      return undefined;
    case 'env':
      for (const [name, value] of Object.entries(step.set)) {
        if (value === null) delete process.env[name];
        else process.env[name] = value;
      }
      return undefined;
  }
}

const [planFile, resultsFile] = process.argv.slice(2);
if (!planFile || !resultsFile)
  throw new Error('usage: actions-client-driver <plan.json> <results.json>');
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as DriverStep[];
const results: DriverResult[] = [];
for (const [i, step] of plan.entries()) {
  process.stdout.write(`::tracker-step::${i}\n`);
  try {
    results.push({ ok: true, value: (await runStep(step)) ?? null });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    results.push({ ok: false, error: { name: e.name, message: e.message } });
  }
}
writeFileSync(resultsFile, JSON.stringify(results));
// A library call abandoned by an adapter's timeout (a hung request) would keep the process alive.
process.exit(0);
