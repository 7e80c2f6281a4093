/**
 * The emulator's blob side (Azure block blobs behind signed URLs), its fault injection and its request log,
 * on the wire with plain fetch.
 */
import { describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { startActionsEmulator, type ActionsEmulator } from './actions-emulator.js';
import { cacheVersion } from './actions-cache-service.js';
import { parseRange } from './actions-blob-store.js';

const CACHE = 'github.actions.results.api.v1.CacheService';
const version = cacheVersion(['runs']);

async function reserve(em: ActionsEmulator, key: string): Promise<string> {
  const res = await fetch(`${em.origin}/twirp/${CACHE}/CreateCacheEntry`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${em.token()}` },
    body: JSON.stringify({ key, version })
  });
  return ((await res.json()) as { signed_upload_url: string }).signed_upload_url;
}

async function finalize(em: ActionsEmulator, key: string, size: number) {
  const res = await fetch(`${em.origin}/twirp/${CACHE}/FinalizeCacheEntryUpload`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${em.token()}` },
    body: JSON.stringify({ key, version, size_bytes: String(size) })
  });
  return (await res.json()) as Record<string, unknown>;
}

async function downloadUrl(em: ActionsEmulator, key: string): Promise<string> {
  const res = await fetch(`${em.origin}/twirp/${CACHE}/GetCacheEntryDownloadURL`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${em.token()}` },
    body: JSON.stringify({ key, version })
  });
  return ((await res.json()) as { signed_download_url: string }).signed_download_url;
}

/** Stores `content` under `key` with a plain Put Blob and returns its read URL. */
async function stored(em: ActionsEmulator, key: string, content: string): Promise<string> {
  const url = await reserve(em, key);
  await fetch(url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: content });
  await finalize(em, key, Buffer.byteLength(content));
  return downloadUrl(em, key);
}

const withQuery = (url: string, extra: string) => `${url}&${extra}`;
const blockId = (n: number) =>
  Buffer.from(`block-${String(n).padStart(6, '0')}`).toString('base64');

describe('blob side', () => {
  it('assembles staged blocks in block-list order, whatever order they arrived in', async () => {
    await using em = await startActionsEmulator();
    const url = await reserve(em, 'k');
    const parts = ['alpha-', 'beta-', 'gamma-', 'delta'];
    await Promise.all(
      [3, 1, 0, 2].map((i) =>
        fetch(withQuery(url, `comp=block&blockid=${encodeURIComponent(blockId(i))}`), {
          method: 'PUT',
          body: parts[i]!
        }).then((r) => expect(r.status).toBe(201))
      )
    );
    const list = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><BlockList>${parts
      .map((_, i) => `<Latest>${blockId(i)}</Latest>`)
      .join('')}</BlockList>`;
    const commit = await fetch(withQuery(url, 'comp=blocklist'), {
      method: 'PUT',
      headers: { 'x-ms-blob-content-type': 'application/x-tar' },
      body: list
    });
    expect(commit.status).toBe(201);
    expect(commit.headers.get('etag')).toMatch(/^"0x8D/);
    expect(await finalize(em, 'k', 'alpha-beta-gamma-delta'.length)).toMatchObject({ ok: true });
    const download = await fetch(await downloadUrl(em, 'k'));
    expect(download.headers.get('content-type')).toBe('application/x-tar');
    expect(await download.text()).toBe('alpha-beta-gamma-delta');
    expect(em.requestsTo('blob:put-block')).toHaveLength(4);
  });

  it('refuses a block list naming a block that was never staged', async () => {
    await using em = await startActionsEmulator();
    const url = await reserve(em, 'k');
    const res = await fetch(withQuery(url, 'comp=blocklist'), {
      method: 'PUT',
      body: `<BlockList><Latest>${blockId(1)}</Latest></BlockList>`
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-ms-error-code')).toBe('InvalidBlockList');
  });

  it('serves ranges (Range or x-ms-range) with 206 and Content-Range, 416 past the end', async () => {
    await using em = await startActionsEmulator();
    const url = await stored(em, 'k', '0123456789');
    const get = (headers: Record<string, string>) => fetch(url, { headers });
    const middle = await get({ range: 'bytes=2-5' });
    expect([middle.status, middle.headers.get('content-range'), await middle.text()]).toEqual([
      206,
      'bytes 2-5/10',
      '2345'
    ]);
    expect(await (await get({ 'x-ms-range': 'bytes=7-', range: 'bytes=0-0' })).text()).toBe('789');
    expect(await (await get({ range: 'bytes=-3' })).text()).toBe('789');
    const past = await get({ range: 'bytes=10-' });
    expect([past.status, past.headers.get('content-range')]).toEqual([416, 'bytes */10']);
    const head = await fetch(url, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, '10']);
    expect(parseRange('bytes=4-100', 10)).toEqual({ start: 4, end: 9 });
    expect(parseRange('items=1-2', 10)).toBeUndefined();
  });

  it('checks the signature: a read URL cannot write, a tampered or expired URL is AuthenticationFailed', async () => {
    let shift = 0;
    await using em = await startActionsEmulator({ now: () => Date.now() + shift });
    const url = await stored(em, 'k', 'data');
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'evil'
    });
    expect([put.status, put.headers.get('x-ms-error-code')]).toEqual([403, 'AuthenticationFailed']);
    const tampered = url.replace('/actions-cache/', '/actions-results/');
    expect((await fetch(tampered)).status).toBe(403);
    shift = 2 * 3_600_000;
    expect((await fetch(url)).status).toBe(403);
    expect(await (await fetch(await downloadUrl(em, 'k'))).text()).toBe('data');
  });
});

describe('faults', () => {
  it('answers a status for the next N requests to a target, then behaves', async () => {
    await using em = await startActionsEmulator();
    const fault = em.inject('CreateCacheEntry', { kind: 'status', status: 500 }, { times: 1 });
    const first = await fetch(`${em.origin}/twirp/${CACHE}/CreateCacheEntry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${em.token()}` },
      body: JSON.stringify({ key: 'k', version })
    });
    expect([first.status, await first.json()]).toEqual([
      500,
      { code: 'internal', msg: 'injected fault: 500' }
    ]);
    expect(await reserve(em, 'k')).toContain('/actions-cache/');
    expect(fault.hits).toBe(1);
    expect(em.requestsTo('CreateCacheEntry').map((r) => [r.status, r.fault])).toEqual([
      [500, 'status'],
      [200, undefined]
    ]);
  });

  it('lets the first `after` requests through before faulting', async () => {
    await using em = await startActionsEmulator();
    const fault = em.inject('blob:get', { kind: 'status', status: 503 }, { after: 1, times: 1 });
    const url = await stored(em, 'k', 'data');
    expect([
      (await fetch(url)).status,
      (await fetch(url)).status,
      (await fetch(url)).status
    ]).toEqual([200, 503, 200]);
    expect(fault.hits).toBe(1);
  });

  it('resets, cuts or dribbles downloads', async () => {
    await using em = await startActionsEmulator();
    const url = await stored(em, 'k', 'x'.repeat(40));
    em.inject('blob:get', { kind: 'reset' }, { times: 1 });
    await expect(fetch(url)).rejects.toThrow();
    em.inject('blob:get', { kind: 'truncate', afterBytes: 10 }, { times: 1 });
    const cut = await fetch(url);
    expect(cut.headers.get('content-length')).toBe('40');
    await expect(cut.text()).rejects.toThrow();
    em.inject('blob:get', { kind: 'slow-body', chunkBytes: 10, intervalMs: 15 }, { times: 1 });
    const started = Date.now();
    expect(await (await fetch(url)).text()).toBe('x'.repeat(40));
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 15 - 5);
  });

  it('delays, and holds a hung request open until the emulator closes', async () => {
    const em = await startActionsEmulator();
    em.inject('GetCacheEntryDownloadURL', { kind: 'delay', ms: 50 }, { times: 1 });
    const started = Date.now();
    await downloadUrl(em, 'nothing');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    em.inject('twirp', { kind: 'hang' });
    const hung = new Promise<string>((resolve) => {
      const req = request(`${em.origin}/twirp/${CACHE}/CreateCacheEntry`, { method: 'POST' });
      req.on('response', () => resolve('answered'));
      req.on('error', (e) => resolve(`error: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
      req.end('{}');
    });
    const state = await Promise.race([
      hung,
      new Promise<string>((resolve) => setTimeout(() => resolve('pending'), 100))
    ]);
    expect(state).toBe('pending');
    await em.close();
    expect(await hung).toBe('error: ECONNRESET');
    const [record] = em.requestsTo('CreateCacheEntry');
    expect([record?.fault, record?.status]).toEqual(['hang', undefined]);
  });
});

describe('request log', () => {
  it('records each request with its target, parsed twirp body and reply, secrets redacted', async () => {
    await using em = await startActionsEmulator();
    const url = await reserve(em, 'k-1');
    await fetch(url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'abc' });
    const [create, put] = em.requests;
    expect(create).toMatchObject({
      seq: 1,
      side: 'twirp',
      target: 'CreateCacheEntry',
      body: { key: 'k-1', version },
      status: 200,
      reply: { ok: true },
      headers: { authorization: 'Bearer ***' }
    });
    expect(put).toMatchObject({ side: 'blob', target: 'blob:put-blob', bytesIn: 3, status: 201 });
    expect(put?.url).toContain('sig=***');
    expect(em.requestsTo('blob')).toEqual([put]);
  });
});
