/**
 * Cache service v2 (`github.actions.results.api.v1.CacheService`) as GitHub documents and the library
 * expects it.
 *
 * - An entry is `(key, version, scope)`; the scope is the ref the token may write (its `ac` claim). The same
 *   triple again is `409 already_exists`, finalized or not: entries are immutable.
 * - A token with no writable scope is refused the way the service refuses read-only tokens: a 200 with
 *   `ok: false` and a message starting `cache write denied:` (the library turns that into a warning). A token
 *   with no readable scope gets `403 permission_denied`, `cache read denied: …`.
 * - Lookup: for each readable scope in the token's order (the job's ref, then the base/default branch), for
 *   the key and then each restore key: an exact match, else the newest entry the key is a prefix of. Only
 *   finalized entries of the requested version count.
 */
import { createHash } from 'node:crypto';
import type { BlobStore } from './actions-blob-store.js';
import type { CacheScopeClaim, RuntimeTokenClaims } from './actions-runtime-token.js';
import { CachePermission } from './actions-runtime-token.js';
import { field, twirpError, twirpOk, type TwirpReply } from './actions-twirp.js';

export const CACHE_CONTAINER = 'actions-cache';

export interface CacheEntry {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  readonly scope: string;
  /** Milliseconds since the epoch; the newest entry wins a prefix match. */
  readonly createdAt: number;
  readonly blobName: string;
  finalized: boolean;
  sizeBytes?: number;
}

/**
 * The `version` @actions/cache sends for these paths on Linux: sha256 of the literal path strings, the
 * compression method (`zstd-without-long` when `zstd` is on PATH, else `gzip`) and the salt `1.0`.
 */
export function cacheVersion(
  paths: readonly string[],
  compression: 'zstd-without-long' | 'gzip' = 'zstd-without-long'
): string {
  return createHash('sha256')
    .update([...paths, compression, '1.0'].join('|'))
    .digest('hex');
}

export interface CacheLookup {
  readonly key: string;
  readonly restoreKeys: readonly string[];
  readonly version: string;
  readonly scopes: readonly string[];
}

/** The entry a lookup restores, in GitHub's documented order; undefined for a miss. */
export function findCacheEntry(
  entries: readonly CacheEntry[],
  lookup: CacheLookup
): CacheEntry | undefined {
  const newestFirst = entries
    .filter((e) => e.finalized && e.version === lookup.version)
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  for (const scope of lookup.scopes) {
    const inScope = newestFirst.filter((e) => e.scope === scope);
    for (const key of [lookup.key, ...lookup.restoreKeys]) {
      const hit = inScope.find((e) => e.key === key) ?? inScope.find((e) => e.key.startsWith(key));
      if (hit) return hit;
    }
  }
  return undefined;
}

const readable = (s: CacheScopeClaim) => (s.permission & CachePermission.Read) !== 0;
const writable = (s: CacheScopeClaim) => (s.permission & CachePermission.Write) !== 0;

export class CacheService {
  readonly entries: CacheEntry[] = [];
  readonly #blobs: BlobStore;
  readonly #now: () => number;
  #ids = 0;

  constructor(blobs: BlobStore, now: () => number) {
    this.#blobs = blobs;
    this.#now = now;
  }

  /** Adds a finalized entry directly (another job's or an older run's cache). */
  seed(entry: {
    key: string;
    version: string;
    scope: string;
    content: Buffer;
    createdAt?: number;
  }): CacheEntry {
    const created = this.#create(entry.key, entry.version, entry.scope, entry.createdAt);
    this.#blobs.put(CACHE_CONTAINER, created.blobName, entry.content, 'application/octet-stream');
    created.finalized = true;
    created.sizeBytes = entry.content.length;
    return created;
  }

  call(method: string, body: Record<string, unknown>, claims: RuntimeTokenClaims): TwirpReply {
    switch (method) {
      case 'CreateCacheEntry':
        return this.#createEntry(body, claims);
      case 'FinalizeCacheEntryUpload':
        return this.#finalize(body, claims);
      case 'GetCacheEntryDownloadURL':
        return this.#downloadUrl(body, claims);
      default:
        return twirpError('bad_route', `no handler for path "/CacheService/${method}"`);
    }
  }

  #createEntry(body: Record<string, unknown>, claims: RuntimeTokenClaims): TwirpReply {
    const key = field(body, 'key');
    const version = field(body, 'version');
    if (!key || !version) return twirpError('invalid_argument', 'key and version are required');
    const scope = claims.cacheScopes.find(writable)?.scope;
    if (scope === undefined)
      return twirpOk({ ok: false, message: 'cache write denied: token has no writable scopes' });
    if (this.entries.some((e) => e.key === key && e.version === version && e.scope === scope))
      return twirpError(
        'already_exists',
        `cache entry with the same key, version, and scope already exists: ${key}`
      );
    const entry = this.#create(key, version, scope);
    return twirpOk({
      ok: true,
      signed_upload_url: this.#blobs.signedUrl(CACHE_CONTAINER, entry.blobName, 'cw')
    });
  }

  #finalize(body: Record<string, unknown>, claims: RuntimeTokenClaims): TwirpReply {
    const key = field(body, 'key');
    const version = field(body, 'version');
    const scope = claims.cacheScopes.find(writable)?.scope;
    if (scope === undefined)
      return twirpOk({ ok: false, message: 'cache write denied: token has no writable scopes' });
    const entry = this.entries.find(
      (e) => e.key === key && e.version === version && e.scope === scope && !e.finalized
    );
    if (!entry) return twirpError('not_found', `no cache entry is being created with key ${key}`);
    const blob = this.#blobs.get(CACHE_CONTAINER, entry.blobName);
    const size = Number(field(body, 'size_bytes'));
    if (!blob) return twirpOk({ ok: false, message: `nothing was uploaded for key ${key}` });
    if (blob.content.length !== size)
      return twirpOk({
        ok: false,
        message: `size mismatch for key ${key}: uploaded ${blob.content.length} B, finalized ${size} B`
      });
    entry.finalized = true;
    entry.sizeBytes = size;
    return twirpOk({ ok: true, entry_id: String(entry.id) });
  }

  #downloadUrl(body: Record<string, unknown>, claims: RuntimeTokenClaims): TwirpReply {
    const scopes = claims.cacheScopes.filter(readable).map((s) => s.scope);
    if (scopes.length === 0)
      return twirpError('permission_denied', 'cache read denied: token has no readable scopes');
    const restoreKeys = Array.isArray(body['restore_keys'])
      ? body['restore_keys'].filter((k): k is string => typeof k === 'string')
      : [];
    const hit = findCacheEntry(this.entries, {
      key: field(body, 'key'),
      restoreKeys,
      version: field(body, 'version'),
      scopes
    });
    if (!hit) return twirpOk({ ok: false });
    return twirpOk({
      ok: true,
      signed_download_url: this.#blobs.signedUrl(CACHE_CONTAINER, hit.blobName, 'r'),
      matched_key: hit.key
    });
  }

  #create(key: string, version: string, scope: string, createdAt?: number): CacheEntry {
    const id = ++this.#ids;
    const entry: CacheEntry = {
      id,
      key,
      version,
      scope,
      createdAt: createdAt ?? this.#now(),
      blobName: `${id}`,
      finalized: false
    };
    this.entries.push(entry);
    return entry;
  }
}
