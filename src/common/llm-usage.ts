/**
 * Token counts of one LLM call (or a sum of calls), normalised so the numbers mean the same for every
 * provider: `inputTokens` counts every prompt token, cache reads and writes included (Anthropic reports
 * those apart from `input_tokens`; OpenAI includes them), and `outputTokens` every generated token,
 * reasoning included. The three optional counts are parts of those totals; absent means the provider did
 * not report it (not zero).
 */
export interface LlmUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** inputTokens + outputTokens. */
  readonly totalTokens: number;
  /** Of `inputTokens`: served from the provider's prompt cache. */
  readonly cacheReadTokens?: number;
  /** Of `inputTokens`: written to the prompt cache. */
  readonly cacheWriteTokens?: number;
  /** Of `outputTokens`: spent on reasoning (thinking) the response does not show. */
  readonly reasoningTokens?: number;
}

export const ZERO_USAGE: LlmUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

const OPTIONAL = ['cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens'] as const;

/** The sum of two usages: an optional count stays absent only when both sides lack it. */
export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  const sum: {
    inputTokens: number;
    outputTokens: number;
    totalTokens: number;
    cacheReadTokens?: number;
    cacheWriteTokens?: number;
    reasoningTokens?: number;
  } = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens
  };
  for (const key of OPTIONAL) {
    const left = a[key];
    const right = b[key];
    if (left !== undefined || right !== undefined) sum[key] = (left ?? 0) + (right ?? 0);
  }
  return sum;
}
