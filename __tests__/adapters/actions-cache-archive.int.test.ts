/**
 * ActionsCacheArchive over the real @actions/cache against the results-service emulator, in a child
 * process (actions-client-process.ts) whose warnings go to core.warning, as in the action.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionsCacheArchiveSettings } from '../../src/adapters/actions-cache-archive.js';
import type { ArchiveReason } from '../../src/adapters/run-archive-shape.js';
import { startActionsEmulator } from '../support/actions-emulator.js';
import { cacheVersion } from '../support/actions-cache-service.js';
import { runActionsClient, type DriverStep } from '../support/actions-client-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const RUN_DIR = '.tracker/runs/r1';

function settings(
  workspace: string,
  overrides: Partial<ActionsCacheArchiveSettings> = {}
): ActionsCacheArchiveSettings {
  return {
    workspace,
    pipelineHash: 'p1a2b3',
    ref: 'refs/heads/main',
    runId: '77',
    runAttempt: 1,
    ...overrides
  };
}

const writeCheckpoint = (workspace: string, seq: number): DriverStep => ({
  op: 'writeFile',
  path: join(workspace, RUN_DIR, 'checkpoint.json'),
  content: `{"seq":${seq}}`
});

const publish = (workspace: string, reason: ArchiveReason = 'stopped'): DriverStep => ({
  op: 'archivePublish',
  runDir: join(workspace, RUN_DIR),
  reason
});

describe('ActionsCacheArchive', () => {
  it('saves under a unique key per save; the next attempt restores the newest into a fresh workspace', async () => {
    await using em = await startActionsEmulator();
    await using first = await makeTempDir();
    await using second = await makeTempDir();
    await using temp = await makeTempDir();
    const run = await runActionsClient(
      [
        { op: 'cacheArchive', settings: settings(first.path) },
        writeCheckpoint(first.path, 1),
        publish(first.path, 'failed'),
        writeCheckpoint(first.path, 2),
        {
          op: 'writeFile',
          path: join(first.path, RUN_DIR, 'build/status.json'),
          content: '{"outcome":"success"}'
        },
        publish(first.path),
        { op: 'env', set: { GITHUB_WORKSPACE: second.path, GITHUB_RUN_ATTEMPT: '2' } },
        { op: 'chdir', dir: second.path },
        { op: 'cacheArchive', settings: settings(second.path, { runAttempt: 2 }) },
        { op: 'archiveRestore', key: { of: 'resumeKey' } },
        publish(second.path)
      ],
      {
        env: { ...em.env(), GITHUB_WORKSPACE: first.path, RUNNER_TEMP: temp.path },
        cwd: first.path
      }
    );
    const values = run.steps.map((s) => (s.ok ? s.value : s.error));
    const lineage = 'tracker-v1-p1a2b3-refs/heads/main:';
    expect(values[0]).toEqual({
      lineage,
      resumeKey: `${lineage}77-`,
      nextKey: `${lineage}77-1-1`
    });
    expect(values[2]).toEqual({ ok: true, key: `${lineage}77-1-1`, id: 1 });
    expect(values[5]).toEqual({ ok: true, key: `${lineage}77-1-2`, id: 2 });
    expect(values[9]).toEqual({
      runDir: join(second.path, RUN_DIR),
      key: `${lineage}77-1-2`,
      exact: false,
      reason: 'stopped'
    });
    expect(values[10]).toEqual({ ok: true, key: `${lineage}77-2-1`, id: 3 });
    expect(run.steps.flatMap((s) => s.log.warnings)).toEqual([]);
    expect(await readFile(join(second.path, RUN_DIR, 'checkpoint.json'), 'utf8')).toBe('{"seq":2}');
    expect(await readFile(join(second.path, RUN_DIR, 'build/status.json'), 'utf8')).toBe(
      '{"outcome":"success"}'
    );
    expect(existsSync(join(first.path, '.tracker/archive'))).toBe(false);
    expect(existsSync(join(second.path, '.tracker/archive'))).toBe(false);
    expect(new Set(em.cacheEntries.map((e) => e.version))).toEqual(
      new Set([cacheVersion(['.tracker/archive'])])
    );
    expect(em.requestsTo('GetCacheEntryDownloadURL')[0]?.body).toMatchObject({
      key: `${lineage}77-`,
      restore_keys: [lineage]
    });
  }, 90_000);

  it("prefers this workflow run's newest checkpoint, then the ref's; another ref never matches", async () => {
    await using em = await startActionsEmulator();
    await using ws = await makeTempDir();
    await using temp = await makeTempDir();
    const as = (overrides: Partial<ActionsCacheArchiveSettings>): DriverStep => ({
      op: 'cacheArchive',
      settings: settings(ws.path, overrides)
    });
    const run = await runActionsClient(
      [
        as({ runId: '77' }),
        writeCheckpoint(ws.path, 77),
        publish(ws.path),
        as({ runId: '78' }),
        writeCheckpoint(ws.path, 78),
        publish(ws.path),
        as({ runId: '77', runAttempt: 2 }),
        { op: 'archiveRestore', key: { of: 'resumeKey' } },
        as({ runId: '79' }),
        { op: 'archiveRestore', key: { of: 'resumeKey' } },
        {
          op: 'env',
          set: {
            ACTIONS_RUNTIME_TOKEN: em.token({
              ref: 'refs/heads/main-2',
              fallbackRefs: ['refs/heads/main']
            })
          }
        },
        as({ runId: '80', ref: 'refs/heads/main-2' }),
        { op: 'archiveRestore', key: { of: 'resumeKey' } },
        as({ runId: '80', ref: 'refs/heads/main' }),
        { op: 'archiveRestore', key: { of: 'lineage' } }
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path, RUNNER_TEMP: temp.path }, cwd: ws.path }
    );
    const restored = [7, 9, 12, 14].map((i) => {
      const step = run.steps[i];
      return step?.ok ? ((step.value as { key: string } | null)?.key ?? null) : step?.error.message;
    });
    expect(restored).toEqual([
      'tracker-v1-p1a2b3-refs/heads/main:77-1-1',
      'tracker-v1-p1a2b3-refs/heads/main:78-1-1',
      null,
      'tracker-v1-p1a2b3-refs/heads/main:78-1-1'
    ]);
    expect(await readFile(join(ws.path, RUN_DIR, 'checkpoint.json'), 'utf8')).toBe('{"seq":78}');
  }, 90_000);

  it('turns every failure into a warning: no service, bad run dir, hangs, read-only, bad archive, service down', async () => {
    await using em = await startActionsEmulator();
    const dead = await startActionsEmulator();
    await dead.close();
    await using ws = await makeTempDir();
    await using temp = await makeTempDir();
    em.inject('CreateCacheEntry', { kind: 'hang' }, { times: 1 });
    em.inject('GetCacheEntryDownloadURL', { kind: 'hang' }, { times: 1 });
    const archive: DriverStep = { op: 'cacheArchive', settings: settings(ws.path) };
    // a short timeout only where the service hangs: a busy machine may take longer to tar a save
    const hasty: DriverStep = {
      op: 'cacheArchive',
      settings: settings(ws.path, { timeoutMs: 500 })
    };
    const restore: DriverStep = { op: 'archiveRestore', key: { of: 'lineage' } };
    const staged = join(ws.path, '.tracker/archive');
    const run = await runActionsClient(
      [
        { op: 'env', set: { ACTIONS_RESULTS_URL: null } },
        archive,
        publish(ws.path),
        restore,
        { op: 'env', set: { ACTIONS_RESULTS_URL: `${em.origin}/` } },
        archive,
        { op: 'archivePublish', runDir: temp.path, reason: 'failed' },
        publish(ws.path),
        writeCheckpoint(ws.path, 1),
        hasty,
        publish(ws.path),
        restore,
        archive,
        { op: 'env', set: { ACTIONS_RUNTIME_TOKEN: em.token({ cache: 'read-only' }) } },
        publish(ws.path),
        { op: 'env', set: { ACTIONS_RUNTIME_TOKEN: em.token() } },
        {
          op: 'writeFile',
          path: join(staged, 'archive.json'),
          content: '{"schema":1,"runDir":"../outside","reason":"failed"}'
        },
        { op: 'writeFile', path: join(staged, 'run/checkpoint.json'), content: '{}' },
        {
          op: 'saveCache',
          paths: ['.tracker/archive'],
          key: 'tracker-v1-p1a2b3-refs/heads/main:90-1-1'
        },
        restore,
        { op: 'env', set: { ACTIONS_RESULTS_URL: `${dead.origin}/` } },
        publish(ws.path),
        restore
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path, RUNNER_TEMP: temp.path }, cwd: ws.path }
    );
    const at = (i: number) => {
      const step = run.steps[i]!;
      return { value: step.ok ? step.value : step.error, warnings: step.log.warnings };
    };
    const lineage = 'tracker-v1-p1a2b3-refs/heads/main:';
    const notAvailable =
      'the Actions cache service is not available here (ACTIONS_RESULTS_URL is not set).';
    expect(at(2)).toEqual({
      value: {
        ok: false,
        key: `${lineage}77-1-1`,
        warning: `The run directory was not cached: ${notAvailable}`
      },
      warnings: [`The run directory was not cached: ${notAvailable}`]
    });
    expect(at(3)).toEqual({
      value: null,
      warnings: [`No run directory was restored: ${notAvailable}`]
    });
    expect(at(6).warnings).toEqual([
      expect.stringMatching(/^The run directory .* is outside the workspace /)
    ]);
    expect(at(7).warnings).toEqual([
      expect.stringMatching(/^The run directory .* does not exist, so nothing was cached\.$/)
    ]);
    expect(at(10)).toMatchObject({
      value: { ok: false, key: `${lineage}77-1-1` },
      warnings: [
        `The run directory was not cached under ${lineage}77-1-1: the cache service did not answer within 0.5 s.`
      ]
    });
    expect(at(11)).toEqual({
      value: null,
      warnings: ['No run directory was restored: the cache service did not answer within 0.5 s.']
    });
    expect(at(14).value).toMatchObject({ ok: false, key: `${lineage}77-1-1` });
    expect(at(14).warnings).toEqual([
      `Failed to save: Unable to reserve cache with key ${lineage}77-1-1. More details: cache write denied: token has no writable scopes`,
      expect.stringMatching(
        /^The run directory was not cached under .*: the cache refused or could not take it \(a read-only cache token/
      )
    ]);
    expect(at(18).value).toBe(1);
    expect(at(19)).toEqual({
      value: null,
      warnings: [
        `The cache entry ${lineage}90-1-1 was not restored: its run directory "../outside" is not a path inside the workspace.`
      ]
    });
    expect(existsSync(join(ws.path, '../outside'))).toBe(false);
    expect(at(21).value).toMatchObject({ ok: false, key: `${lineage}77-1-2` });
    expect(at(21).warnings).toEqual([
      expect.stringMatching(/^The run directory was not cached under /)
    ]);
    expect(at(22).value).toBeNull();
    expect(at(22).warnings).toEqual([expect.stringMatching(/^Failed to restore: .*ECONNREFUSED/s)]);
    expect(existsSync(staged)).toBe(false);
    expect(run.steps.every((s) => s.ok)).toBe(true);
  }, 90_000);
});
