/**
 * The Actions results-service emulator on its own wire (plain fetch): tokens, cache and artifact twirp, the
 * blob side, faults and the request log. The real libraries run against it in
 * __tests__/adapters/actions-{cache,artifact}-library.int.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { startActionsEmulator, type ActionsEmulator } from './actions-emulator.js';
import { cacheVersion } from './actions-cache-service.js';

const CACHE = 'github.actions.results.api.v1.CacheService';
const ARTIFACT = 'github.actions.results.api.v1.ArtifactService';

async function twirp(
  em: ActionsEmulator,
  service: string,
  method: string,
  body: Record<string, unknown>,
  token: string | null = em.token()
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${em.origin}/twirp/${service}/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` })
    },
    body: JSON.stringify(body)
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

const version = cacheVersion(['.tracker/runs']);

async function saveEntry(em: ActionsEmulator, key: string, content: string, token = em.token()) {
  const created = await twirp(em, CACHE, 'CreateCacheEntry', { key, version }, token);
  expect(created).toMatchObject({ status: 200, body: { ok: true } });
  const put = await fetch(created.body['signed_upload_url'] as string, {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob' },
    body: content
  });
  expect(put.status).toBe(201);
  const size_bytes = String(Buffer.byteLength(content));
  return twirp(em, CACHE, 'FinalizeCacheEntryUpload', { key, version, size_bytes }, token);
}

async function lookup(
  em: ActionsEmulator,
  key: string,
  restore_keys: string[],
  token = em.token()
) {
  return twirp(em, CACHE, 'GetCacheEntryDownloadURL', { key, restore_keys, version }, token);
}

describe('runtime token', () => {
  it('carries Actions.Results:<run>:<job> in scp and the cache scopes in ac, as the libraries read them', async () => {
    await using em = await startActionsEmulator({ job: { jobBackendId: 'job-1' } });
    const claims = claimsOf(
      em.token({ ref: 'refs/pull/7/merge', fallbackRefs: ['refs/heads/main'] })
    );
    expect((claims['scp'] as string).split(' ')).toContain(
      `Actions.Results:${em.runBackendId}:job-1`
    );
    expect(JSON.parse(claims['ac'] as string)).toEqual([
      { Scope: 'refs/pull/7/merge', Permission: 3 },
      { Scope: 'refs/heads/main', Permission: 1 }
    ]);
    expect(JSON.parse(claimsOf(em.token({ cache: 'read-only' }))['ac'] as string)).toEqual([
      { Scope: 'refs/heads/main', Permission: 1 }
    ]);
  });

  it('is required on twirp: missing, forged and expired tokens get 401 unauthenticated', async () => {
    await using em = await startActionsEmulator();
    await using other = await startActionsEmulator();
    const body = { key: 'k', version };
    for (const [token, reason] of [
      [null, 'no bearer token'],
      [other.token(), 'bad signature'],
      [em.token({ ttlSeconds: -1 }), 'token expired']
    ] as const) {
      const reply = await twirp(em, CACHE, 'CreateCacheEntry', body, token);
      expect(reply).toEqual({ status: 401, body: { code: 'unauthenticated', msg: reason } });
    }
    expect(em.cacheEntries).toHaveLength(0);
  });

  it('gives the environment a step needs to reach it', async () => {
    await using em = await startActionsEmulator({ runId: 77, retentionDaysCap: 5 });
    const env = em.env({ ref: 'refs/heads/feature', runAttempt: 2 });
    expect(env).toMatchObject({
      ACTIONS_RESULTS_URL: `${em.origin}/`,
      ACTIONS_CACHE_SERVICE_V2: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REF: 'refs/heads/feature',
      GITHUB_RUN_ID: '77',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_RETENTION_DAYS: '5'
    });
    expect(JSON.parse(claimsOf(env['ACTIONS_RUNTIME_TOKEN']!)['ac'] as string)).toEqual([
      { Scope: 'refs/heads/feature', Permission: 3 }
    ]);
    expect(env).not.toHaveProperty('ACTIONS_CACHE_URL');
  });
});

describe('cache twirp', () => {
  it('creates, uploads, finalizes and then serves an entry', async () => {
    await using em = await startActionsEmulator();
    expect(await saveEntry(em, 'k-1', 'checkpoint one')).toEqual({
      status: 200,
      body: { ok: true, entry_id: '1' }
    });
    const hit = await lookup(em, 'k-1', []);
    expect(hit.body).toMatchObject({ ok: true, matched_key: 'k-1' });
    const download = await fetch(hit.body['signed_download_url'] as string);
    expect(await download.text()).toBe('checkpoint one');
  });

  it('answers 409 already_exists for the same key, version and scope, finalized or not', async () => {
    await using em = await startActionsEmulator();
    const body = { key: 'k-1', version };
    expect((await twirp(em, CACHE, 'CreateCacheEntry', body)).status).toBe(200);
    expect(await twirp(em, CACHE, 'CreateCacheEntry', body)).toMatchObject({
      status: 409,
      body: { code: 'already_exists' }
    });
    const otherVersion = { key: 'k-1', version: cacheVersion(['./.tracker/runs']) };
    expect((await twirp(em, CACHE, 'CreateCacheEntry', otherVersion)).status).toBe(200);
    const prToken = em.token({ ref: 'refs/pull/3/merge' });
    expect((await twirp(em, CACHE, 'CreateCacheEntry', body, prToken)).status).toBe(200);
  });

  it('matches exact, then newest prefix, key before restore keys, own scope before fallbacks, one version', async () => {
    let clock = 1_000_000;
    await using em = await startActionsEmulator({ now: () => clock });
    const seed = (key: string, createdAt: number, scope = 'refs/heads/main') =>
      em.seedCacheEntry({ key, version, scope, createdAt, content: Buffer.from(key) });
    seed('trk-a-1', 1);
    seed('trk-a-2', 3);
    seed('trk-a', 2);
    seed('trk-b-1', 4);
    seed('trk-pr-1', 5, 'refs/pull/9/merge');
    clock += 1;
    const matched = async (key: string, restore: string[], token?: string) =>
      (await lookup(em, key, restore, token)).body['matched_key'];
    expect(await matched('trk-a', [])).toBe('trk-a');
    expect(await matched('trk-a-', [])).toBe('trk-a-2');
    expect(await matched('trk-x', ['trk-a-', 'trk-b-'])).toBe('trk-a-2');
    expect(await matched('trk-x', ['trk-b-', 'trk-a-'])).toBe('trk-b-1');
    expect(await matched('trk-', [])).toBe('trk-b-1');
    expect(await lookup(em, 'trk-x', ['trk-y'])).toEqual({ status: 200, body: { ok: false } });
    const other = await twirp(em, CACHE, 'GetCacheEntryDownloadURL', {
      key: 'trk-a',
      version: cacheVersion(['./.tracker/runs'])
    });
    expect(other.body).toEqual({ ok: false });
    const pr = em.token({ ref: 'refs/pull/9/merge', fallbackRefs: ['refs/heads/main'] });
    expect(await matched('trk-', [], pr)).toBe('trk-pr-1');
    expect(await matched('trk-a-', [], pr)).toBe('trk-a-2');
    expect(await matched('trk-pr-', [])).toBeUndefined();
  });

  it('refuses writes to a read-only token as the service does (ok:false, "cache write denied:") and reads to none', async () => {
    await using em = await startActionsEmulator();
    await saveEntry(em, 'k-1', 'x');
    const readOnly = em.token({ cache: 'read-only' });
    expect(await twirp(em, CACHE, 'CreateCacheEntry', { key: 'k-2', version }, readOnly)).toEqual({
      status: 200,
      body: { ok: false, message: 'cache write denied: token has no writable scopes' }
    });
    expect((await lookup(em, 'k-1', [], readOnly)).body['matched_key']).toBe('k-1');
    expect(await lookup(em, 'k-1', [], em.token({ cache: 'none' }))).toEqual({
      status: 403,
      body: { code: 'permission_denied', msg: 'cache read denied: token has no readable scopes' }
    });
    expect(em.cacheEntries.map((e) => e.key)).toEqual(['k-1']);
  });

  it('finalizes only what was reserved and uploaded, with the uploaded size', async () => {
    await using em = await startActionsEmulator();
    const finalize = (key: string, size_bytes: string) =>
      twirp(em, CACHE, 'FinalizeCacheEntryUpload', { key, version, size_bytes });
    expect((await finalize('never', '1')).status).toBe(404);
    await twirp(em, CACHE, 'CreateCacheEntry', { key: 'k-1', version });
    expect((await finalize('k-1', '1')).body).toMatchObject({ ok: false });
    expect((await lookup(em, 'k-1', [])).body).toEqual({ ok: false });
  });
});

describe('artifact twirp', () => {
  const ids = (em: ActionsEmulator, job: string) => ({
    workflow_run_backend_id: em.runBackendId,
    workflow_job_run_backend_id: job
  });

  async function upload(
    em: ActionsEmulator,
    job: string,
    name: string,
    content: string,
    extra: Record<string, unknown> = {}
  ) {
    const token = em.token({ jobBackendId: job });
    const created = await twirp(
      em,
      ARTIFACT,
      'CreateArtifact',
      { ...ids(em, job), name, version: 7, mime_type: 'application/zip', ...extra },
      token
    );
    if (created.status !== 200) return created;
    const put = await fetch(created.body['signed_upload_url'] as string, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-blob-content-type': 'application/zip' },
      body: content
    });
    expect(put.status).toBe(201);
    return twirp(em, ARTIFACT, 'FinalizeArtifact', { ...ids(em, job), name, size: '4' }, token);
  }

  it('creates, finalizes, lists (the whole run), signs and deletes; a name is unique in the run', async () => {
    await using em = await startActionsEmulator({ job: { jobBackendId: 'job-a' } });
    expect(await upload(em, 'job-a', 'trace-a', 'AAAA')).toEqual({
      status: 200,
      body: { ok: true, artifact_id: '1000' }
    });
    expect((await upload(em, 'job-b', 'trace-b', 'BBBB')).body['artifact_id']).toBe('1001');
    expect(await upload(em, 'job-b', 'trace-a', 'CCCC')).toEqual({
      status: 409,
      body: {
        code: 'already_exists',
        msg: 'an artifact with this name already exists on the workflow run'
      }
    });
    const list = await twirp(em, ARTIFACT, 'ListArtifacts', ids(em, 'job-a'));
    expect((list.body['artifacts'] as { name: string }[]).map((a) => a.name)).toEqual([
      'trace-a',
      'trace-b'
    ]);
    const byId = await twirp(em, ARTIFACT, 'ListArtifacts', {
      ...ids(em, 'job-a'),
      id_filter: '1001'
    });
    expect(byId.body['artifacts']).toEqual([
      expect.objectContaining({ database_id: '1001', workflow_job_run_backend_id: 'job-b' })
    ]);
    const signed = await twirp(em, ARTIFACT, 'GetSignedArtifactURL', {
      ...ids(em, 'job-a'),
      name: 'trace-b'
    });
    const download = await fetch(signed.body['signed_url'] as string);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(await download.text()).toBe('BBBB');
    const deleted = await twirp(em, ARTIFACT, 'DeleteArtifact', {
      ...ids(em, 'job-a'),
      name: 'trace-b'
    });
    expect(deleted.body).toEqual({ ok: true, artifact_id: '1001' });
    expect((await fetch(signed.body['signed_url'] as string)).status).toBe(404);
  });

  it('refuses calls for a run or job the token does not name, and hides expired artifacts', async () => {
    let shift = 0;
    await using em = await startActionsEmulator({
      job: { jobBackendId: 'job-a' },
      now: () => Date.now() + shift
    });
    const create = await twirp(em, ARTIFACT, 'CreateArtifact', {
      ...ids(em, 'job-z'),
      name: 'x',
      version: 7
    });
    expect(create.body).toMatchObject({ code: 'permission_denied' });
    const day = 86_400_000;
    const expires_at = new Date(Date.now() + day).toISOString();
    expect((await upload(em, 'job-a', 'short-lived', 'AAAA', { expires_at })).status).toBe(200);
    expect(em.artifacts[0]?.expiresAt).toBe(Date.parse(expires_at));
    const names = async () =>
      (
        (await twirp(em, ARTIFACT, 'ListArtifacts', ids(em, 'job-a'), em.token())).body[
          'artifacts'
        ] as { name: string }[]
      ).map((a) => a.name);
    expect(await names()).toEqual(['short-lived']);
    shift = 2 * day;
    expect(await names()).toEqual([]);
  });
});
