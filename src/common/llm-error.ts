import { TrackerError } from './errors.js';

/**
 * What the caller does about a failed LLM call: try again (the engine's retry policy decides when),
 * fail the stage for good, or stop the run resumably (billing or quota exhausted: docs/decisions/0008).
 */
export type LlmErrorKind = 'retryable' | 'terminal' | 'pause';

/**
 * Why an LLM call failed. Every reason has exactly one kind; this table is where that is decided. The
 * adapters (src/adapters/llm-errors.ts) map provider errors to a reason once; nothing downstream reads
 * message text.
 */
export const LLM_ERROR_KINDS = {
  /** 429 (not quota): honour `retryAfterMs`. */
  rate_limit: 'retryable',
  /** Anthropic 529 / `overloaded_error`. */
  overloaded: 'retryable',
  /** 5xx, 408, 409, an `api_error`/`server_error` inside a stream. */
  server: 'retryable',
  /** Connection refused or reset, DNS, TLS: nothing usable came back. */
  network: 'retryable',
  /** No byte arrived for the stream-idle deadline. */
  idle_timeout: 'retryable',
  /** The overall request timeout elapsed. */
  request_timeout: 'retryable',
  /** The stream ended before the provider's terminal event (a mid-stream disconnect). */
  incomplete_stream: 'retryable',
  /** An error we could not classify: retried, because a false retry is cheaper than a false abort. */
  unknown: 'retryable',
  /** 401: the API key was rejected. */
  authentication: 'terminal',
  /** 403. */
  permission: 'terminal',
  /** 404: unknown model or endpoint. */
  not_found: 'terminal',
  /** 400, 422 and other 4xx: the request itself is wrong. */
  invalid_request: 'terminal',
  /** The prompt does not fit the model's context window (or 413). */
  context_length: 'terminal',
  /** The provider refused the content (a policy error, not a finish reason). */
  content_filter: 'terminal',
  /** Nothing was sent: no key, no base URL, unknown provider. */
  configuration: 'terminal',
  /** OpenAI `insufficient_quota`: the account's quota is used up. */
  quota: 'pause',
  /** 402, Anthropic `billing_error` / "credit balance is too low". */
  billing: 'pause'
} as const satisfies Readonly<Record<string, LlmErrorKind>>;

export type LlmErrorReason = keyof typeof LLM_ERROR_KINDS;

const CODE_OF_KIND = {
  retryable: 'LLM_RETRYABLE',
  terminal: 'LLM_TERMINAL',
  pause: 'LLM_PAUSE'
} as const satisfies Record<LlmErrorKind, string>;

export type LlmErrorCode = (typeof CODE_OF_KIND)[LlmErrorKind];

export interface LlmErrorDetails {
  readonly reason: LlmErrorReason;
  /** What happened, the provider's own message when it gave one, and what to do. Never holds a key. */
  readonly message: string;
  readonly provider?: string;
  readonly model?: string;
  /** HTTP status, when the provider answered with one. */
  readonly status?: number;
  /** The provider's machine-readable error code or type (`insufficient_quota`, `overloaded_error`, …). */
  readonly providerCode?: string;
  /** The server's hint (`retry-after-ms` / `retry-after`) for when to try again. */
  readonly retryAfterMs?: number;
  /** The provider's request id (`x-request-id` / `request-id`), for support tickets. */
  readonly requestId?: string;
  /** The underlying error, already stripped of secrets by the adapter. */
  readonly cause?: unknown;
}

/**
 * A failed LLM call, as a value (`LlmResult`). Decide with `code` (`LLM_RETRYABLE`, `LLM_TERMINAL`,
 * `LLM_PAUSE`) or `kind`; `reason` says why in more detail.
 */
export class LlmError extends TrackerError {
  declare readonly code: LlmErrorCode;
  readonly llmError = true as const;
  readonly kind: LlmErrorKind;
  readonly reason: LlmErrorReason;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly status: number | undefined;
  readonly providerCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;

  constructor(details: LlmErrorDetails) {
    const kind = LLM_ERROR_KINDS[details.reason];
    super(CODE_OF_KIND[kind], details.message, { cause: details.cause });
    this.name = 'LlmError';
    this.kind = kind;
    this.reason = details.reason;
    this.provider = details.provider;
    this.model = details.model;
    this.status = details.status;
    this.providerCode = details.providerCode;
    this.retryAfterMs = details.retryAfterMs;
    this.requestId = details.requestId;
  }

  /** The fields worth recording (events, transcripts); the cause is left out. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      kind: this.kind,
      reason: this.reason,
      message: this.message
    };
    for (const key of [
      'provider',
      'model',
      'status',
      'providerCode',
      'retryAfterMs',
      'requestId'
    ] as const) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    return json;
  }
}

export function isLlmError(value: unknown): value is LlmError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { llmError?: unknown }).llmError === true &&
    typeof (value as { reason?: unknown }).reason === 'string'
  );
}
