/**
 * SDK and transport errors → LlmError, in one place (style.md §5). The SDK error classes are read by shape
 * (status, headers, body, code/type), not by `instanceof`, so a bundled or duplicated SDK classifies the same.
 * The reason → kind table is src/common/llm-error.ts; this file decides the reason.
 */
import { errorMessage } from '../common/errors.js';
import { LlmError, type LlmErrorReason } from '../common/llm-error.js';
import { redactSecrets, type Secret } from '../common/secret.js';
import { formatDuration } from '../common/format-duration.js';
import type { LlmProvider } from '../ports/llm-client.js';
import type { DeadlineSettings, ExpiredDeadline } from './llm-deadlines.js';

/** The stream ended before the provider's terminal event (`response.completed`, `message_stop`, a finish). */
export class IncompleteStreamError extends Error {
  constructor(message = 'The stream ended before the response was complete.') {
    super(message);
    this.name = 'IncompleteStreamError';
  }
}

/** A failure the provider reported inside an HTTP-200 stream (OpenAI `response.failed`). */
export class ProviderStreamError extends Error {
  readonly code: string | undefined;

  constructor(code: string | undefined, message: string) {
    super(message);
    this.name = 'ProviderStreamError';
    this.code = code;
  }
}

export interface ClassifyContext {
  readonly provider: LlmProvider;
  readonly model: string;
  /** Where the requests go, named in messages for `openai-compat` (its provider can be anything). */
  readonly baseUrl: string;
  /** The environment variable holding the key, named in authentication messages. */
  readonly keyVariable: string;
  /** Stripped from every message and cause. */
  readonly secrets: readonly Secret[];
  /** Epoch ms, for `retry-after` given as an HTTP date. */
  readonly now: number;
  /** The response had begun: a connection that dies now is an incomplete stream. */
  readonly streamStarted?: boolean;
}

interface ErrorFacts {
  readonly status: number | undefined;
  readonly headers: { get(name: string): string | null } | undefined;
  readonly code: string | undefined;
  readonly type: string | undefined;
  readonly providerMessage: string | undefined;
  readonly requestId: string | undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** What an SDK APIError (OpenAI or Anthropic, HTTP or in-stream) says, read by shape. */
function factsOf(error: unknown): ErrorFacts {
  const e = record(error) ?? {};
  const body = record(e['error']);
  const nested = record(body?.['error']);
  const headers = record(e['headers']);
  const status = typeof e['status'] === 'number' ? e['status'] : undefined;
  return {
    status,
    headers:
      headers && typeof headers['get'] === 'function'
        ? (headers as unknown as { get(name: string): string | null })
        : undefined,
    code: str(e['code']) ?? str(body?.['code']) ?? str(e['errorCode']) ?? str(nested?.['code']),
    type: str(e['type']) ?? str(nested?.['type']) ?? str(body?.['type']),
    providerMessage:
      str(e['apiMessage']) ??
      str(nested?.['message']) ??
      str(body?.['message']) ??
      (status === undefined ? str(e['message']) : undefined),
    requestId: str(e['requestID']) ?? str(e['request_id'])
  };
}

/** `retry-after-ms` (ms), else `retry-after` (seconds or an HTTP date), as ms from `now`. */
export function retryAfterMs(
  headers: { get(name: string): string | null } | undefined,
  now: number
): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number.parseFloat(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET'
]);

function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth += 1) {
    const r = record(e);
    if (!r) return false;
    if (r['name'] === 'APIConnectionError' || r['name'] === 'APIConnectionTimeoutError')
      return true;
    if (typeof r['code'] === 'string' && NETWORK_CODES.has(r['code'])) return true;
    if (r['name'] === 'TypeError' && r['message'] === 'fetch failed') return true;
    e = r['cause'];
  }
  return false;
}

const CONTEXT_LENGTH =
  /prompt is too long|context (length|window)|maximum context|too many (input )?tokens/i;
const CREDIT_BALANCE = /credit balance is too low/i;
const CONTENT_POLICY_CODES = new Set([
  'bio_policy',
  'misalignment_policy_violation',
  'image_content_policy_violation',
  'content_filter'
]);

/** Error types and codes of in-stream error events (Anthropic `error`, OpenAI `error`/`response.failed`). */
const IN_STREAM_REASONS: Readonly<Record<string, LlmErrorReason>> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate_limit',
  rate_limit_exceeded: 'rate_limit',
  api_error: 'server',
  server_error: 'server',
  timeout_error: 'server',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  invalid_request_error: 'invalid_request',
  invalid_prompt: 'invalid_request'
};

/** The reason for a provider error, from its status, code/type and (for two known cases) its message. */
function reasonOf(f: ErrorFacts): LlmErrorReason {
  const code = f.code ?? '';
  const type = f.type ?? '';
  const message = f.providerMessage ?? '';
  if (code === 'insufficient_quota' || type === 'insufficient_quota') return 'quota';
  if (
    f.status === 402 ||
    type === 'billing_error' ||
    code === 'billing_hard_limit_reached' ||
    code === 'billing_not_active' ||
    CREDIT_BALANCE.test(message)
  )
    return 'billing';
  if (code === 'context_length_exceeded' || f.status === 413) return 'context_length';
  if ((f.status === 400 || f.status === undefined) && CONTEXT_LENGTH.test(message))
    return 'context_length';
  if (CONTENT_POLICY_CODES.has(code)) return 'content_filter';
  if (f.status !== undefined) {
    if (f.status === 429) return 'rate_limit';
    if (f.status === 529 || type === 'overloaded_error') return 'overloaded';
    if (f.status >= 500 || f.status === 408 || f.status === 409) return 'server';
    if (f.status === 401) return 'authentication';
    if (f.status === 403) return 'permission';
    if (f.status === 404) return 'not_found';
    if (f.status >= 400) return 'invalid_request';
    return 'unknown';
  }
  // No status: an error event inside a 200 stream, named by its type or code.
  for (const name of [type, code])
    if (Object.hasOwn(IN_STREAM_REASONS, name)) return IN_STREAM_REASONS[name] as LlmErrorReason;
  return 'unknown';
}

export function providerLabel(provider: LlmProvider, baseUrl: string): string {
  switch (provider) {
    case 'openai':
      return 'OpenAI';
    case 'anthropic':
      return 'Anthropic';
    case 'openai-compat': {
      let host = baseUrl;
      try {
        host = new URL(baseUrl).host;
      } catch {
        // keep the text
      }
      return `The OpenAI-compatible endpoint ${host}`;
    }
  }
}

const WHAT: Record<LlmErrorReason, string> = {
  rate_limit: 'rate-limited the request',
  overloaded: 'is overloaded',
  server: 'failed with a server error',
  network: 'could not be reached',
  idle_timeout: 'sent nothing for too long',
  request_timeout: 'took too long',
  incomplete_stream: 'ended the response stream early',
  unknown: 'failed',
  authentication: 'rejected the API key',
  permission: 'refused the request (permission denied)',
  not_found: 'does not know the model or endpoint',
  invalid_request: 'rejected the request as invalid',
  context_length: 'says the prompt does not fit the model’s context window',
  content_filter: 'refused the content under its usage policy',
  configuration: 'is not configured',
  quota: 'says the account has no quota left',
  billing: 'says the account has no credit left'
};

function fixFor(reason: LlmErrorReason, ctx: ClassifyContext, retryAfter?: number): string {
  switch (reason) {
    case 'authentication':
      return `Check ${ctx.keyVariable}.`;
    case 'not_found':
      return `Check the model name ('${ctx.model}') and the base URL.`;
    case 'context_length':
      return 'Shorten the prompt or the context given to the stage, or use a model with a larger window.';
    case 'quota':
    case 'billing':
      return 'Add credit or raise the limit, then resume the run.';
    case 'rate_limit':
    case 'overloaded':
    case 'server':
      return retryAfter === undefined
        ? 'It may succeed when retried.'
        : `The provider asks to retry after ${formatDuration(retryAfter)}.`;
    case 'network':
    case 'incomplete_stream':
    case 'unknown':
      return 'It may succeed when retried.';
    case 'permission':
    case 'invalid_request':
    case 'content_filter':
    case 'configuration':
    case 'idle_timeout':
    case 'request_timeout':
      return '';
  }
}

/** A copy of an error chain keeping only name, message (redacted), code and status: no headers or bodies. */
export function sanitizeCause(error: unknown, secrets: readonly Secret[], depth = 0): unknown {
  if (depth > 5 || error === undefined || error === null) return undefined;
  const r = record(error);
  if (!r) return redactSecrets(errorMessage(error), secrets);
  const message = typeof r['message'] === 'string' ? r['message'] : errorMessage(error);
  const copy = new Error(redactSecrets(message, secrets), {
    cause: sanitizeCause(r['cause'], secrets, depth + 1)
  });
  copy.name = typeof r['name'] === 'string' ? r['name'] : 'Error';
  if (typeof r['code'] === 'string' || typeof r['code'] === 'number')
    Object.assign(copy, { code: r['code'] });
  if (typeof r['status'] === 'number') Object.assign(copy, { status: r['status'] });
  return copy;
}

function build(
  ctx: ClassifyContext,
  reason: LlmErrorReason,
  detail: {
    status?: number;
    providerCode?: string;
    providerMessage?: string;
    retryAfterMs?: number;
    requestId?: string;
    cause?: unknown;
    what?: string;
  }
): LlmError {
  const label = providerLabel(ctx.provider, ctx.baseUrl);
  const tag = [detail.status, detail.providerCode].filter((x) => x !== undefined).join(' ');
  const said = detail.providerMessage
    ? `: ${detail.providerMessage.trim().replace(/\.$/, '')}`
    : '';
  const fix = fixFor(reason, ctx, detail.retryAfterMs);
  const message = `${label} ${detail.what ?? WHAT[reason]}${tag ? ` (${tag})` : ''}${said}.${fix ? ` ${fix}` : ''}`;
  return new LlmError({
    reason,
    message: redactSecrets(message, ctx.secrets),
    provider: ctx.provider,
    model: ctx.model,
    ...(detail.status === undefined ? {} : { status: detail.status }),
    ...(detail.providerCode === undefined ? {} : { providerCode: detail.providerCode }),
    ...(detail.retryAfterMs === undefined ? {} : { retryAfterMs: detail.retryAfterMs }),
    ...(detail.requestId === undefined ? {} : { requestId: detail.requestId }),
    cause: sanitizeCause(detail.cause, ctx.secrets)
  });
}

/** The LlmError for anything an SDK call threw. */
export function classifyLlmError(error: unknown, ctx: ClassifyContext): LlmError {
  if (error instanceof IncompleteStreamError)
    return build(ctx, 'incomplete_stream', { cause: error });
  if (error instanceof ProviderStreamError) {
    const facts: ErrorFacts = {
      status: undefined,
      headers: undefined,
      code: error.code,
      type: undefined,
      providerMessage: error.message,
      requestId: undefined
    };
    return build(ctx, reasonOf(facts), {
      ...(error.code === undefined ? {} : { providerCode: error.code }),
      providerMessage: error.message,
      cause: error
    });
  }
  const facts = factsOf(error);
  if (facts.status === undefined && isConnectionError(error))
    return build(ctx, ctx.streamStarted ? 'incomplete_stream' : 'network', {
      cause: error,
      providerMessage: connectionDetail(error)
    });
  const reason = reasonOf(facts);
  const after = retryAfterMs(facts.headers, ctx.now);
  const requestId =
    facts.requestId ??
    facts.headers?.get('x-request-id') ??
    facts.headers?.get('request-id') ??
    undefined;
  const providerCode = facts.code ?? facts.type;
  return build(ctx, reason, {
    ...(facts.status === undefined ? {} : { status: facts.status }),
    ...(providerCode === undefined ? {} : { providerCode }),
    ...(facts.providerMessage === undefined ? {} : { providerMessage: facts.providerMessage }),
    ...(after === undefined ? {} : { retryAfterMs: after }),
    ...(requestId ? { requestId } : {}),
    cause: error
  });
}

/** The deepest useful message of a connection error chain (`connect ECONNREFUSED 127.0.0.1:9`). */
function connectionDetail(error: unknown): string | undefined {
  let detail: string | undefined;
  for (let e: unknown = error, depth = 0; e && depth < 6; depth += 1) {
    const r = record(e);
    if (!r) break;
    if (typeof r['message'] === 'string' && r['message'] !== 'fetch failed') detail = r['message'];
    e = r['cause'];
  }
  return detail;
}

/** The LlmError for a call a deadline ended. */
export function deadlineError(
  which: ExpiredDeadline,
  settings: DeadlineSettings,
  ctx: ClassifyContext
): LlmError {
  if (which === 'idle')
    return build(ctx, 'idle_timeout', {
      what: `sent no data for ${formatDuration(settings.streamIdleTimeoutMs)} (the stream-idle deadline), so the request was abandoned`
    });
  return build(ctx, 'request_timeout', {
    what: `did not complete the response within ${formatDuration(settings.requestTimeoutMs)} (the request timeout), so the request was abandoned`
  });
}

/** The LlmError for a request that could not be sent: no key, no base URL, an unknown provider. */
export function configurationError(
  message: string,
  provider?: LlmProvider,
  model?: string
): LlmError {
  return new LlmError({
    reason: 'configuration',
    message,
    ...(provider === undefined ? {} : { provider }),
    ...(model === undefined ? {} : { model })
  });
}
