import { describe, expect, it } from '@jest/globals';
import { ZERO_USAGE, addUsage, type LlmUsage } from '../../src/common/llm-usage.js';

describe('addUsage', () => {
  it.each<[LlmUsage, LlmUsage, LlmUsage]>([
    [ZERO_USAGE, ZERO_USAGE, ZERO_USAGE],
    [
      { inputTokens: 10, outputTokens: 2, totalTokens: 12, cacheReadTokens: 4 },
      { inputTokens: 5, outputTokens: 1, totalTokens: 6, reasoningTokens: 1 },
      { inputTokens: 15, outputTokens: 3, totalTokens: 18, cacheReadTokens: 4, reasoningTokens: 1 }
    ],
    [
      { inputTokens: 1, outputTokens: 1, totalTokens: 2, cacheWriteTokens: 0 },
      { inputTokens: 1, outputTokens: 1, totalTokens: 2, cacheWriteTokens: 3 },
      { inputTokens: 2, outputTokens: 2, totalTokens: 4, cacheWriteTokens: 3 }
    ]
  ])('%j + %j', (a, b, sum) => {
    expect(addUsage(a, b)).toEqual(sum);
    expect(addUsage(b, a)).toEqual(sum);
  });
});
