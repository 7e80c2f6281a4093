/**
 * The real @actions/cache 6 (service v2) against the loopback results-service emulator, in a child process
 * per scenario (actions-client-process.ts) so its environment and its stdout log are the runner's. These
 * pin the library behaviours the run-archive adapter relies on: what a duplicate key, a read-only token or
 * a service that is down look like (return values and log levels), and how restore keys match.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startActionsEmulator } from '../support/actions-emulator.js';
import { runActionsClient, type DriverStep } from '../support/actions-client-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const PATHS = ['.tracker/runs'];

async function writeCheckpoint(workspace: string, content: string): Promise<void> {
  await mkdir(join(workspace, '.tracker/runs/r1'), { recursive: true });
  await writeFile(join(workspace, '.tracker/runs/r1/checkpoint.json'), content);
}

const save = (key: string, paths = PATHS): DriverStep => ({ op: 'saveCache', paths, key });
const restore = (key: string, restoreKeys: string[] = [], paths = PATHS): DriverStep => ({
  op: 'restoreCache',
  paths,
  key,
  restoreKeys
});

describe('@actions/cache against the emulator', () => {
  it('saves, refuses a duplicate key with -1 (info, not a warning), restores the newest by restore key', async () => {
    await using em = await startActionsEmulator();
    await using first = await makeTempDir();
    await using second = await makeTempDir();
    await using temp = await makeTempDir();
    await writeCheckpoint(first.path, '{"seq":1}');
    const run = await runActionsClient(
      [
        save('trk-v1-p-1'),
        save('trk-v1-p-2'),
        save('trk-v1-p-2'),
        { op: 'env', set: { GITHUB_WORKSPACE: second.path } },
        restore('trk-v1-p-999', ['trk-v1-p-', 'trk-v1-']),
        restore('trk-v1-p-1'),
        restore('trk-v1-p-1', [], ['./.tracker/runs'])
      ],
      {
        env: { ...em.env(), GITHUB_WORKSPACE: first.path, RUNNER_TEMP: temp.path },
        cwd: first.path
      }
    );
    const [saved1, saved2, duplicate, , newest, exact, otherPaths] = run.steps;
    expect(saved1).toMatchObject({ ok: true, value: 1 });
    expect(saved2).toMatchObject({ ok: true, value: 2 });
    expect(duplicate).toMatchObject({ ok: true, value: -1 });
    expect(duplicate?.log.info).toContain(
      'Failed to save: Unable to reserve cache with key trk-v1-p-2, another job may be creating this cache.'
    );
    expect(duplicate?.log.warnings).toEqual([]);
    expect(newest).toMatchObject({ ok: true, value: 'trk-v1-p-2' });
    expect(newest?.log.info).toContain('Cache hit for restore-key: trk-v1-p-2');
    expect(exact).toMatchObject({ ok: true, value: 'trk-v1-p-1' });
    expect(exact?.log.info).toContain('Cache hit for: trk-v1-p-1');
    expect(otherPaths).toMatchObject({ ok: true, value: null });
    expect(await readFile(join(second.path, '.tracker/runs/r1/checkpoint.json'), 'utf8')).toBe(
      '{"seq":1}'
    );
    expect(em.requestsTo('CreateCacheEntry').map((r) => r.status)).toEqual([200, 200, 409]);
    expect(em.requestsTo('blob:put-blob')).toHaveLength(2);
    expect(em.requestsTo('CreateCacheEntry')[0]?.body).toEqual({
      key: 'trk-v1-p-1',
      version: em.cacheEntries[0]?.version
    });
  }, 90_000);

  it('restores the newest of several checkpoints, with its content, in a fresh workspace', async () => {
    await using em = await startActionsEmulator();
    await using ws = await makeTempDir();
    await using fresh = await makeTempDir();
    await using temp = await makeTempDir();
    const checkpoint = join(ws.path, '.tracker/runs/r1/checkpoint.json');
    const run = await runActionsClient(
      [
        ...[1, 2, 3].flatMap((seq): DriverStep[] => [
          { op: 'writeFile', path: checkpoint, content: `{"seq":${seq}}` },
          save(`trk-v1-p-main-77-1-${seq}`)
        ]),
        { op: 'env', set: { GITHUB_WORKSPACE: fresh.path } },
        restore('trk-v1-p-main-77-2-', ['trk-v1-p-main-'])
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path, RUNNER_TEMP: temp.path }, cwd: ws.path }
    );
    expect([1, 3, 5].map((i) => run.steps[i]).map((s) => s?.ok && s.value)).toEqual([1, 2, 3]);
    expect(run.steps.at(-1)).toMatchObject({ ok: true, value: 'trk-v1-p-main-77-1-3' });
    expect(await readFile(join(fresh.path, '.tracker/runs/r1/checkpoint.json'), 'utf8')).toBe(
      '{"seq":3}'
    );
  }, 90_000);

  it('read-only token: save is -1 with a "cache write denied" warning and uploads nothing; restores still work', async () => {
    await using em = await startActionsEmulator();
    await using ws = await makeTempDir();
    await using temp = await makeTempDir();
    await writeCheckpoint(ws.path, '{}');
    const run = await runActionsClient(
      [
        save('trk-1'),
        { op: 'env', set: { ACTIONS_RUNTIME_TOKEN: em.token({ cache: 'read-only' }) } },
        save('trk-2'),
        restore('trk-', []),
        { op: 'env', set: { ACTIONS_RUNTIME_TOKEN: em.token({ cache: 'none' }) } },
        restore('trk-', []),
        { op: 'env', set: { ACTIONS_RUNTIME_TOKEN: em.token(), ACTIONS_CACHE_MODE: 'read' } },
        save('trk-3')
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path, RUNNER_TEMP: temp.path }, cwd: ws.path }
    );
    const [, , denied, readOnlyRestore, , noRead, , modeRead] = run.steps;
    expect(denied).toMatchObject({ ok: true, value: -1 });
    expect(denied?.log.warnings).toEqual([
      'Failed to save: Unable to reserve cache with key trk-2. More details: cache write denied: token has no writable scopes'
    ]);
    expect(readOnlyRestore).toMatchObject({ ok: true, value: 'trk-1' });
    expect(noRead).toMatchObject({ ok: true, value: null });
    expect(noRead?.log.warnings).toEqual([
      expect.stringContaining('cache read denied: token has no readable scopes')
    ]);
    expect(modeRead).toMatchObject({ ok: true, value: -1 });
    expect(modeRead?.log.info).toContain(
      "Cache save skipped: the effective cache-mode 'read' does not permit writes."
    );
    expect(em.requestsTo('CreateCacheEntry').map((r) => r.body?.['key'])).toEqual([
      'trk-1',
      'trk-2'
    ]);
    expect(em.requestsTo('blob:put-blob')).toHaveLength(1);
  }, 90_000);

  it("scopes by ref: a PR job reads its own entries, then the base branch's; main never sees the PR's", async () => {
    await using em = await startActionsEmulator();
    await using ws = await makeTempDir();
    await using temp = await makeTempDir();
    await writeCheckpoint(ws.path, '{}');
    const pr = { ref: 'refs/pull/5/merge', fallbackRefs: ['refs/heads/main'] };
    const run = await runActionsClient(
      [
        save('trk-main-1'),
        { op: 'env', set: { ACTIONS_RUNTIME_TOKEN: em.token(pr), GITHUB_REF: pr.ref } },
        restore('trk-', []),
        save('trk-pr-1'),
        restore('trk-', []),
        { op: 'env', set: { ACTIONS_RUNTIME_TOKEN: em.token(), GITHUB_REF: 'refs/heads/main' } },
        restore('trk-pr-', [])
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path, RUNNER_TEMP: temp.path }, cwd: ws.path }
    );
    expect(run.steps.map((s) => (s.ok ? s.value : s.error.message))).toEqual([
      1,
      null,
      'trk-main-1',
      2,
      'trk-pr-1',
      null,
      null
    ]);
    expect(em.cacheEntries.map((e) => [e.key, e.scope])).toEqual([
      ['trk-main-1', 'refs/heads/main'],
      ['trk-pr-1', 'refs/pull/5/merge']
    ]);
  }, 90_000);

  it('never throws for a service that is down, throttled or failing: -1 / a miss, logged at varying levels', async () => {
    await using em = await startActionsEmulator();
    const dead = await startActionsEmulator();
    await dead.close();
    await using ws = await makeTempDir();
    await using temp = await makeTempDir();
    await writeCheckpoint(ws.path, '{}');
    em.inject('CreateCacheEntry', { kind: 'status', status: 429, retryAfter: 30 }, { times: 1 });
    em.inject('blob:put-blob', { kind: 'status', status: 403 }, { times: 1 });
    em.inject('GetCacheEntryDownloadURL', { kind: 'status', status: 500 }, { times: 1 });
    em.inject('blob:get', { kind: 'truncate', afterBytes: 10 }, { times: 1 });
    const run = await runActionsClient(
      [
        { op: 'env', set: { ACTIONS_RESULTS_URL: `${dead.origin}/` } },
        save('down'),
        restore('down'),
        { op: 'env', set: { ACTIONS_RESULTS_URL: `${em.origin}/` } },
        save('throttled'),
        save('blob-refused'),
        save('ok'),
        restore('ok'),
        restore('ok'),
        save('bad,key'),
        { op: 'isFeatureAvailable' },
        { op: 'env', set: { ACTIONS_RESULTS_URL: null } },
        { op: 'isFeatureAvailable' }
      ],
      { env: { ...em.env(), GITHUB_WORKSPACE: ws.path, RUNNER_TEMP: temp.path }, cwd: ws.path }
    );
    const [
      ,
      down,
      downRestore,
      ,
      throttled,
      blobRefused,
      ok,
      cut,
      intact,
      comma,
      available,
      ,
      gone
    ] = run.steps;
    expect(down).toMatchObject({ ok: true, value: -1 });
    expect(down?.log.warnings).toEqual([]);
    expect(down?.log.info).toContain(
      'Failed to save: Unable to reserve cache with key down, another job may be creating this cache.'
    );
    expect(downRestore).toMatchObject({ ok: true, value: null });
    expect(downRestore?.log.warnings).toEqual([
      expect.stringMatching(/^Failed to restore: .*ECONNREFUSED/s)
    ]);
    expect(throttled).toMatchObject({ ok: true, value: -1 });
    expect(throttled?.log.warnings).toEqual([
      "You've hit a rate limit, your rate limit will reset in 30 seconds"
    ]);
    expect(blobRefused).toMatchObject({ ok: true, value: -1 });
    expect(blobRefused?.log.warnings).toEqual([
      expect.stringContaining('uploadCacheArchiveSDK: internal error uploading cache archive'),
      expect.stringMatching(/^Failed to save: /)
    ]);
    expect(ok).toMatchObject({ ok: true, value: 2 }); // entry 1 is blob-refused's reservation, never finalized
    expect(cut).toMatchObject({ ok: true, value: null });
    expect(cut?.log.info).toContain(
      'Attempt 1 of 5 failed with error: Failed request: (500) Internal Server Error: injected fault: 500. Retrying request in 3000 ms...'
    );
    expect(cut?.log.warnings).toEqual([expect.stringMatching(/^Failed to restore: /)]);
    expect(intact).toMatchObject({ ok: true, value: 'ok' });
    expect(comma).toMatchObject({
      ok: false,
      error: {
        name: 'ValidationError',
        message: 'Key Validation Error: bad,key cannot contain commas.'
      }
    });
    expect([available, gone].map((s) => s?.ok && s.value)).toEqual([true, false]);
  }, 90_000);
});
