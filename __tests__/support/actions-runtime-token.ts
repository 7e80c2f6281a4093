/**
 * The runner's ACTIONS_RUNTIME_TOKEN, as the results service and the @actions libraries see it: a JWT whose
 * `scp` claim carries `Actions.Results:<workflowRunBackendId>:<workflowJobRunBackendId>` (the artifact client
 * jwt-decodes it, without checking the signature, to address its twirp calls) and whose `ac` claim lists the
 * cache scopes as JSON — `[{"Scope":"refs/heads/main","Permission":3}]`, Permission a bit set (1 read, 2 write).
 * A pull request's token reads and writes its merge ref and only reads the base branch; a read-only token
 * (untrusted triggers, forks) has no write bit anywhere.
 *
 * The emulator signs with HS256 and its own secret, so it can refuse a token it did not issue or one that expired.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CachePermission = { Read: 1, Write: 2, ReadWrite: 3 } as const;

export interface CacheScopeClaim {
  /** A ref: `refs/heads/main`, `refs/pull/7/merge`, … */
  readonly scope: string;
  /** Bit set: 1 read, 2 write. */
  readonly permission: number;
}

export interface RuntimeTokenClaims {
  readonly runBackendId: string;
  readonly jobBackendId: string;
  /** In the order the service searches them: the job's own ref first, then the fallbacks. */
  readonly cacheScopes: readonly CacheScopeClaim[];
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

export type TokenCheck =
  | { readonly ok: true; readonly claims: RuntimeTokenClaims }
  | { readonly ok: false; readonly reason: string };

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

function sign(secret: Buffer, signingInput: string): string {
  return createHmac('sha256', secret).update(signingInput).digest('base64url');
}

export function mintRuntimeToken(secret: Buffer, claims: RuntimeTokenClaims): string {
  const header = { typ: 'JWT', alg: 'HS256' };
  const payload = {
    nameid: 'dddddddd-dddd-dddd-dddd-dddddddddddd',
    scp:
      'Actions.GenericRead:00000000-0000-0000-0000-000000000000 ' +
      `Actions.Results:${claims.runBackendId}:${claims.jobBackendId}`,
    ac: JSON.stringify(
      claims.cacheScopes.map((s) => ({ Scope: s.scope, Permission: s.permission }))
    ),
    iss: 'vstoken.actions.githubusercontent.com',
    aud: 'vstoken.actions.githubusercontent.com|vso:tracker-actions-emulator',
    nbf: claims.expiresAt - 6 * 3600,
    exp: claims.expiresAt
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${sign(secret, signingInput)}`;
}

/** Verifies a token this secret signed and reads its claims; `nowSeconds` decides expiry. */
export function checkRuntimeToken(secret: Buffer, token: string, nowSeconds: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const [head, body, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${head}.${body}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'bad signature' };
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return { ok: false, reason: 'unreadable payload' };
  }
  const exp = typeof payload['exp'] === 'number' ? payload['exp'] : 0;
  if (exp <= nowSeconds) return { ok: false, reason: 'token expired' };
  const scp = typeof payload['scp'] === 'string' ? payload['scp'] : '';
  const results = scp
    .split(' ')
    .map((s) => s.split(':'))
    .find((s) => s[0] === 'Actions.Results' && s.length === 3);
  if (!results) return { ok: false, reason: 'no Actions.Results scope' };
  let scopes: CacheScopeClaim[] = [];
  if (typeof payload['ac'] === 'string') {
    const ac = JSON.parse(payload['ac']) as { Scope: string; Permission: number }[];
    scopes = ac.map((s) => ({ scope: s.Scope, permission: s.Permission }));
  }
  return {
    ok: true,
    claims: {
      runBackendId: results[1]!,
      jobBackendId: results[2]!,
      cacheScopes: scopes,
      expiresAt: exp
    }
  };
}
