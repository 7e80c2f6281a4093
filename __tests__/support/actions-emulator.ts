/**
 * A loopback emulator of the GitHub Actions results service — what `ACTIONS_RESULTS_URL` points at on a
 * runner — so the **real** `@actions/cache` (v2) and `@actions/artifact` (v4) can run in tests:
 *
 * - cache v2 twirp (actions-cache-service.ts), artifact v4 twirp (actions-artifact-service.ts), both behind a
 *   runtime-token JWT check (actions-runtime-token.ts);
 * - the blob side of the signed URLs they hand out (actions-blob-store.ts);
 * - jobs: each token names a workflow run and job and the cache scopes it may read and write, so a
 *   pull-request job, a read-only job or a later job of the same run are one `env()` call each;
 * - fault injection per method (statuses, hangs, resets, delays, dribbled or truncated downloads);
 * - a log of every request, for assertions.
 *
 * `await using emulator = await startActionsEmulator()`, give the library `emulator.env()`; closing destroys
 * any connection still open (a hung request included). Not emulated: cache v1 (`ACTIONS_CACHE_URL`), the
 * public REST API (cross-run artifact download with `findBy`, cache listing/deletion), GHES, quotas/eviction,
 * protobuf (binary) twirp.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ArtifactService, type ArtifactRecord } from './actions-artifact-service.js';
import { BlobStore, type BlobOp, type BodyWriter } from './actions-blob-store.js';
import { CacheService, type CacheEntry } from './actions-cache-service.js';
import {
  CachePermission,
  checkRuntimeToken,
  mintRuntimeToken,
  type CacheScopeClaim
} from './actions-runtime-token.js';
import { TWIRP_STATUS, twirpError, type TwirpReply } from './actions-twirp.js';

const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService';
const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';

export type CacheRpc = 'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL';
export type ArtifactRpc =
  | 'CreateArtifact'
  | 'FinalizeArtifact'
  | 'ListArtifacts'
  | 'GetSignedArtifactURL'
  | 'DeleteArtifact';

/** What a fault or a log query names: one twirp method, one blob operation, or a whole side. */
export type RequestTarget = CacheRpc | ArtifactRpc | `blob:${BlobOp}` | 'twirp' | 'blob' | '*';

export type Fault =
  /** Answer with this status: a twirp error body on twirp, Azure's XML error on the blob side. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: number }
  /** Never answer; the connection stays open until the client gives up or the emulator closes. */
  | { readonly kind: 'hang' }
  /** Destroy the connection without answering (the client sees ECONNRESET). */
  | { readonly kind: 'reset' }
  /** Answer normally after this long. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Blob GET: send the body in chunks of `chunkBytes`, one every `intervalMs`. */
  | { readonly kind: 'slow-body'; readonly chunkBytes: number; readonly intervalMs: number }
  /** Blob GET: promise the whole body (Content-Length), send `afterBytes`, then drop the connection. */
  | { readonly kind: 'truncate'; readonly afterBytes: number };

export interface InjectedFault {
  /** How many requests it has hit so far. */
  readonly hits: number;
  remove(): void;
}

export interface RecordedRequest {
  readonly seq: number;
  readonly method: string;
  /** Path and query, with `sig` replaced by `***`. */
  readonly url: string;
  readonly side: 'twirp' | 'blob' | 'other';
  /** The twirp method, or `blob:<op>`. */
  readonly target: string;
  /** The parsed twirp request body. */
  readonly body?: Record<string, unknown>;
  readonly bytesIn: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The job whose token authorised it (twirp only). */
  readonly jobBackendId?: string;
  /** Undefined while unanswered (a hang) or when the connection was dropped. */
  status?: number;
  /** The reply body of a twirp call. */
  reply?: Record<string, unknown>;
  fault?: Fault['kind'];
}

export interface JobOptions {
  /** The job's workflow job run backend id (default: the emulator's first job). */
  readonly jobBackendId?: string;
  /** The ref the job's cache entries are scoped to (GITHUB_REF); default `refs/heads/main`. */
  readonly ref?: string;
  /** Further refs it may read (a PR's base branch, the default branch), searched in this order. */
  readonly fallbackRefs?: readonly string[];
  /** `read-only`: the token has no write bit, as for fork PRs and other untrusted triggers. */
  readonly cache?: 'read-write' | 'read-only' | 'none';
  readonly runAttempt?: number;
  /** GITHUB_JOB. */
  readonly job?: string;
  /** Seconds the token stays valid; default 6 h. */
  readonly ttlSeconds?: number;
}

export interface ActionsEmulatorOptions {
  /** The workflow run backend id in every token (default: a fresh UUID). */
  readonly runBackendId?: string;
  /** GITHUB_RUN_ID (default 4242). */
  readonly runId?: number;
  /** GITHUB_REPOSITORY (default `octo-org/tracker-demo`). */
  readonly repository?: string;
  /** The default job's settings, used by `env()` without arguments. */
  readonly job?: JobOptions;
  /** GITHUB_RETENTION_DAYS: the repository's cap on artifact retention, when given. */
  readonly retentionDaysCap?: number;
  /** Milliseconds since the epoch (default `Date.now`): entry creation, artifact expiry, URL expiry. */
  readonly now?: () => number;
}

export interface ActionsEmulator extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly runBackendId: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  readonly cacheEntries: readonly CacheEntry[];
  readonly artifacts: readonly ArtifactRecord[];
  /**
   * The environment a job's step gets: ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN, ACTIONS_CACHE_SERVICE_V2,
   * GITHUB_SERVER_URL (github.com, so not GHES), GITHUB_REF/RUN_ID/RUN_ATTEMPT/JOB/REPOSITORY, NO_PROXY
   * for loopback, and GITHUB_RETENTION_DAYS when capped. Not GITHUB_WORKSPACE/RUNNER_TEMP: the test owns those.
   */
  env(job?: JobOptions): Record<string, string>;
  /** A runtime token for a job (what `env(job)` puts in ACTIONS_RUNTIME_TOKEN). */
  token(job?: JobOptions): string;
  /** Requests that hit `target`. */
  requestsTo(target: RequestTarget): RecordedRequest[];
  /**
   * Applies `fault` to `times` requests that hit `target` (default: all of them), after letting the first
   * `after` of them through (default 0).
   */
  inject(
    target: RequestTarget,
    fault: Fault,
    options?: { times?: number; after?: number }
  ): InjectedFault;
  /** Adds a finalized cache entry directly: another branch's, an older one (`createdAt`), … */
  seedCacheEntry(entry: {
    key: string;
    version: string;
    scope?: string;
    content: Buffer;
    createdAt?: number;
  }): CacheEntry;
  /** The stored bytes of a cache entry or an artifact. */
  blobOf(item: CacheEntry | ArtifactRecord): Buffer | undefined;
  close(): Promise<void>;
}

interface FaultRule {
  readonly target: RequestTarget;
  readonly fault: Fault;
  skip: number;
  remaining: number;
  hits: number;
}

export async function startActionsEmulator(
  options: ActionsEmulatorOptions = {}
): Promise<ActionsEmulator> {
  const secret = randomBytes(32);
  const now = options.now ?? Date.now;
  const runBackendId = options.runBackendId ?? randomUUID();
  const runId = options.runId ?? 4242;
  const defaultJob: Required<Pick<JobOptions, 'jobBackendId'>> & JobOptions = {
    ...options.job,
    jobBackendId: options.job?.jobBackendId ?? randomUUID()
  };
  let origin = '';
  const blobs = new BlobStore(secret, () => origin, now);
  const cache = new CacheService(blobs, now);
  const artifacts = new ArtifactService(blobs, now, 1000);
  const requests: RecordedRequest[] = [];
  const rules: FaultRule[] = [];
  const sockets = new Set<Socket>();

  const jobOf = (job: JobOptions = {}): JobOptions & { jobBackendId: string } => ({
    ...defaultJob,
    ...job,
    jobBackendId: job.jobBackendId ?? defaultJob.jobBackendId
  });

  const token = (job?: JobOptions): string => {
    const j = jobOf(job);
    const ref = j.ref ?? 'refs/heads/main';
    const access = j.cache ?? 'read-write';
    const own =
      access === 'read-write'
        ? CachePermission.ReadWrite
        : access === 'read-only'
          ? CachePermission.Read
          : 0;
    const scopes: CacheScopeClaim[] = [
      { scope: ref, permission: own },
      ...(j.fallbackRefs ?? []).map((scope) => ({
        scope,
        permission: access === 'none' ? 0 : CachePermission.Read
      }))
    ];
    return mintRuntimeToken(secret, {
      runBackendId,
      jobBackendId: j.jobBackendId,
      cacheScopes: scopes,
      expiresAt: Math.floor(now() / 1000) + (j.ttlSeconds ?? 6 * 3600)
    });
  };

  const env = (job?: JobOptions): Record<string, string> => {
    const j = jobOf(job);
    return {
      ACTIONS_RESULTS_URL: `${origin}/`,
      ACTIONS_RUNTIME_TOKEN: token(job),
      ACTIONS_CACHE_SERVICE_V2: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REF: j.ref ?? 'refs/heads/main',
      GITHUB_RUN_ID: String(runId),
      GITHUB_RUN_ATTEMPT: String(j.runAttempt ?? 1),
      GITHUB_JOB: j.job ?? 'pipeline',
      GITHUB_REPOSITORY: options.repository ?? 'octo-org/tracker-demo',
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      ...(options.retentionDaysCap !== undefined
        ? { GITHUB_RETENTION_DAYS: String(options.retentionDaysCap) }
        : {})
    };
  };

  const matches = (target: RequestTarget, record: RecordedRequest): boolean =>
    target === '*' ||
    target === record.target ||
    (target === 'twirp' && record.side === 'twirp') ||
    (target === 'blob' && record.side === 'blob');

  const takeFault = (record: RecordedRequest): Fault | undefined => {
    let rule: FaultRule | undefined;
    for (const r of rules) {
      if (r.remaining <= 0 || !matches(r.target, record)) continue;
      if (r.skip > 0) r.skip--;
      else rule ??= r;
    }
    if (!rule) return undefined;
    rule.remaining--;
    rule.hits++;
    return rule.fault;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      try {
        handle(req, res, body);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`emulator error: ${msg}`);
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const twirp = /^\/twirp\/([\w.]+)\/(\w+)$/.exec(url.pathname);
    const blobInfo = twirp ? undefined : blobs.describe(method, url);
    const parsed = twirp ? parseJson(body) : undefined;
    const record: RecordedRequest = {
      seq: requests.length + 1,
      method,
      url: redactSig(url),
      side: twirp ? 'twirp' : blobInfo && blobInfo.op !== 'unsupported' ? 'blob' : 'other',
      target: twirp ? twirp[2]! : `blob:${blobInfo?.op ?? 'unsupported'}`,
      ...(parsed ? { body: parsed } : {}),
      bytesIn: body.length,
      headers: pickHeaders(req)
    };
    requests.push(record);
    const fault = takeFault(record);
    if (fault) record.fault = fault.kind;
    const answer = (): void => {
      if (twirp) answerTwirp(req, res, twirp[1]!, twirp[2]!, parsed, record);
      else if (record.side === 'blob') {
        record.status = blobs.handle(req, url, body, res, bodyWriter(fault));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not an emulated route');
        record.status = 404;
      }
    };
    if (!fault || fault.kind === 'slow-body' || fault.kind === 'truncate') return answer();
    switch (fault.kind) {
      case 'hang':
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'delay': {
        const timer = setTimeout(answer, fault.ms);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'status':
        record.status = fault.status;
        if (record.side === 'blob') {
          const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>InjectedFault</Code><Message>injected ${fault.status}</Message></Error>`;
          res.writeHead(fault.status, {
            'content-type': 'application/xml',
            'x-ms-error-code': 'InjectedFault'
          });
          res.end(xml);
        } else {
          const code = Object.entries(TWIRP_STATUS).find(([, s]) => s === fault.status)?.[0];
          const reply = { code: code ?? 'internal', msg: `injected fault: ${fault.status}` };
          record.reply = reply;
          res.writeHead(fault.status, {
            'content-type': 'application/json',
            ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {})
          });
          res.end(JSON.stringify(reply));
        }
        return;
    }
  }

  function answerTwirp(
    req: IncomingMessage,
    res: ServerResponse,
    service: string,
    rpc: string,
    parsed: Record<string, unknown> | undefined,
    record: RecordedRequest
  ): void {
    let reply: TwirpReply;
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const checked = auth
      ? checkRuntimeToken(secret, auth[1]!, Math.floor(now() / 1000))
      : ({ ok: false, reason: 'no bearer token' } as const);
    if (req.method !== 'POST') reply = twirpError('bad_route', 'twirp methods are POST');
    else if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      reply = twirpError('bad_route', 'the emulator speaks twirp JSON only');
    else if (!parsed) reply = twirpError('malformed', 'the body is not a JSON object');
    else if (!checked.ok) reply = twirpError('unauthenticated', checked.reason);
    else {
      Object.assign(record, { jobBackendId: checked.claims.jobBackendId });
      if (service === CACHE_SERVICE) reply = cache.call(rpc, parsed, checked.claims);
      else if (service === ARTIFACT_SERVICE) reply = artifacts.call(rpc, parsed, checked.claims);
      else reply = twirpError('bad_route', `no service ${service}`);
    }
    record.status = reply.status;
    record.reply = reply.body;
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text))
    });
    res.end(text);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
    }));

  return {
    origin,
    runBackendId,
    requests,
    cacheEntries: cache.entries,
    artifacts: artifacts.artifacts,
    env,
    token,
    requestsTo: (target) => requests.filter((r) => matches(target, r)),
    inject(target, fault, injectOptions) {
      const rule: FaultRule = {
        target,
        fault,
        skip: injectOptions?.after ?? 0,
        remaining: injectOptions?.times ?? Number.POSITIVE_INFINITY,
        hits: 0
      };
      rules.push(rule);
      return {
        get hits() {
          return rule.hits;
        },
        remove() {
          rule.remaining = 0;
        }
      };
    },
    seedCacheEntry: (entry) => cache.seed({ ...entry, scope: entry.scope ?? 'refs/heads/main' }),
    blobOf(item) {
      return 'key' in item
        ? blobs.get('actions-cache', item.blobName)?.content
        : blobs.get('actions-results', item.blobName)?.content;
    },
    close,
    [Symbol.asyncDispose]: close
  };
}

/** A GET body writer for the download faults; the default sends it whole. */
function bodyWriter(fault: Fault | undefined): BodyWriter | undefined {
  if (fault?.kind === 'truncate')
    return (res, body) => {
      res.write(body.subarray(0, fault.afterBytes), () => res.destroy());
    };
  if (fault?.kind === 'slow-body')
    return (res, body) => {
      let offset = 0;
      const timer = setInterval(() => {
        const chunk = body.subarray(offset, offset + fault.chunkBytes);
        offset += chunk.length;
        if (offset >= body.length) {
          clearInterval(timer);
          res.end(chunk);
        } else res.write(chunk);
      }, fault.intervalMs);
      res.on('close', () => clearInterval(timer));
    };
  return undefined;
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function redactSig(url: URL): string {
  const copy = new URL(url);
  if (copy.searchParams.has('sig')) copy.searchParams.set('sig', '***');
  return `${copy.pathname}${copy.search}`;
}

const RECORDED_HEADERS = [
  'content-type',
  'content-length',
  'range',
  'x-ms-range',
  'x-ms-blob-type',
  'x-ms-blob-content-type',
  'x-ms-version',
  'user-agent'
];

function pickHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of RECORDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  if (req.headers.authorization) out['authorization'] = 'Bearer ***';
  return out;
}
