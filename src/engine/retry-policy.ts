/**
 * Retry policy and backoff (spec §3.5-3.6). Pure: the delay uses an injected random source for jitter.
 */
import type { Graph, GraphNode } from '../graph/graph.js';
import { getDurationMs, getInteger, getString } from '../graph/values.js';

export interface BackoffConfig {
  readonly initialDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
  readonly jitter: boolean;
}

export interface RetryPolicy {
  /** At least 1 (1 = no retries). */
  readonly maxAttempts: number;
  readonly backoff: BackoffConfig;
}

export const DEFAULT_BACKOFF: BackoffConfig = {
  initialDelayMs: 200,
  factor: 2,
  maxDelayMs: 60_000,
  jitter: true
};

export const RETRY_PRESETS: Readonly<Record<string, RetryPolicy>> = {
  none: { maxAttempts: 1, backoff: DEFAULT_BACKOFF },
  standard: { maxAttempts: 5, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 200, factor: 2 } },
  aggressive: { maxAttempts: 5, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 500, factor: 2 } },
  linear: { maxAttempts: 3, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 500, factor: 1 } },
  patient: { maxAttempts: 3, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 2000, factor: 3 } }
};

/**
 * Node `max_retries` → graph `default_max_retries` (alias `default_max_retry`) → the preset named by
 * `retry_policy` (node, then graph `default_retry_policy`) → 0 retries. Backoff comes from the preset
 * (default: initial 200 ms, ×2, cap 60 s, jitter); `base_delay` (node) or `default_base_delay` (graph)
 * replaces the initial delay.
 */
export function buildRetryPolicy(node: GraphNode, graph: Graph): RetryPolicy {
  const presetName =
    getString(node.attrs, 'retry_policy') ?? getString(graph.attrs, 'default_retry_policy');
  const preset = presetName === undefined ? undefined : RETRY_PRESETS[presetName];
  const retries =
    getInteger(node.attrs, 'max_retries') ??
    getInteger(graph.attrs, 'default_max_retries') ??
    (preset ? preset.maxAttempts - 1 : 0);
  const base = preset?.backoff ?? DEFAULT_BACKOFF;
  const backoff: BackoffConfig = {
    ...base,
    initialDelayMs:
      getDurationMs(node.attrs, 'base_delay') ??
      getDurationMs(graph.attrs, 'default_base_delay') ??
      base.initialDelayMs
  };
  return { maxAttempts: Math.max(1, retries + 1), backoff };
}

/** Delay before retry number `attempt` (1-based: the first retry is attempt 1). */
export function delayForAttempt(
  attempt: number,
  backoff: BackoffConfig,
  random: () => number
): number {
  let delay = backoff.initialDelayMs * Math.pow(backoff.factor, Math.max(0, attempt - 1));
  delay = Math.min(delay, backoff.maxDelayMs);
  if (backoff.jitter) delay = delay * (0.5 + random());
  return Math.max(0, Math.round(delay));
}
