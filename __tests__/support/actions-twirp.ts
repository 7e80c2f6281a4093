/**
 * Twirp over JSON as the results service answers it: a 200 with the response message (snake_case proto
 * names, int64 as strings, Timestamps as RFC 3339), or an error status with `{code, msg}`. The @actions
 * clients put `msg` into their error text (`Failed request: (409) Conflict: <msg>`) and retry only 5xx
 * (the artifact client also 429), so a status chosen here decides what the library does.
 */
export const TWIRP_STATUS = {
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  failed_precondition: 412,
  resource_exhausted: 429,
  internal: 500,
  unavailable: 503
} as const;

export type TwirpCode = keyof typeof TWIRP_STATUS;

export interface TwirpReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export function twirpOk(body: Record<string, unknown>): TwirpReply {
  return { status: 200, body };
}

export function twirpError(code: TwirpCode, msg: string): TwirpReply {
  return { status: TWIRP_STATUS[code], body: { code, msg } };
}

/** A string field of a twirp request body ('' when absent, as proto3 defaults it). */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return '';
}

/** RFC 3339 with seconds, as protobuf's Timestamp JSON is written. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
