/** Cost from usage and the price table; the override format. */
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_PRICE_TABLE,
  costOfUsage,
  mergePriceTables,
  parsePriceTable,
  priceKeyFor,
  type PriceTable
} from '../../src/common/pricing.js';
import type { LlmUsage } from '../../src/common/llm-usage.js';

const usage = (u: Partial<LlmUsage> & { inputTokens: number; outputTokens: number }): LlmUsage => ({
  totalTokens: u.inputTokens + u.outputTokens,
  ...u
});

const table: PriceTable = {
  asOf: '2026-01-01',
  models: new Map([
    ['plain', { input: 2, output: 10 }],
    ['cached', { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }],
    [
      'tiered',
      {
        input: 1,
        output: 5,
        cacheRead: 0.1,
        longPrompt: { thresholdTokens: 100, input: 2, output: 10, cacheRead: 0.2 }
      }
    ]
  ])
};

describe('costOfUsage', () => {
  it.each([
    ['input and output', 'plain', usage({ inputTokens: 1_000_000, outputTokens: 100_000 }), 2 + 1],
    [
      'cache reads and writes at their rates',
      'cached',
      usage({
        inputTokens: 1_000_000,
        outputTokens: 0,
        cacheReadTokens: 600_000,
        cacheWriteTokens: 100_000
      }),
      0.3 * 3 + 0.6 * 0.3 + 0.1 * 3.75
    ],
    [
      'cache tokens at the input rate when the model has no cache rate',
      'plain',
      usage({ inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 500_000 }),
      2
    ],
    [
      'reasoning is output: nothing extra',
      'plain',
      usage({ inputTokens: 0, outputTokens: 1_000_000, reasoningTokens: 800_000 }),
      10
    ],
    [
      'at the threshold: normal rates',
      'tiered',
      usage({ inputTokens: 100, outputTokens: 100 }),
      (100 * 1 + 100 * 5) / 1e6
    ],
    [
      'above the threshold: every token at the long-prompt rate',
      'tiered',
      usage({ inputTokens: 101, outputTokens: 100, cacheReadTokens: 1 }),
      (100 * 2 + 1 * 0.2 + 100 * 10) / 1e6
    ]
  ])('%s', (_name, model, u, usd) => {
    const cost = costOfUsage(u, model, table);
    expect(cost.priced).toBe(true);
    if (cost.priced) expect(cost.costUsd).toBeCloseTo(usd, 12);
  });

  it('leaves an unknown model unpriced instead of guessing', () => {
    expect(costOfUsage(usage({ inputTokens: 5, outputTokens: 5 }), 'mystery-1', table)).toEqual({
      priced: false
    });
  });

  it('prices a real call with the built-in table', () => {
    const cost = costOfUsage(
      usage({
        inputTokens: 12_000,
        outputTokens: 800,
        cacheReadTokens: 10_000,
        cacheWriteTokens: 1_000
      }),
      'claude-sonnet-4-6',
      DEFAULT_PRICE_TABLE
    );
    expect(cost).toEqual({
      priced: true,
      costUsd: expect.any(Number),
      priceKey: 'claude-sonnet-4-6'
    });
    if (cost.priced)
      expect(cost.costUsd).toBeCloseTo(
        (1000 * 3 + 10_000 * 0.3 + 1000 * 3.75 + 800 * 15) / 1e6,
        12
      );
  });
});

describe('priceKeyFor', () => {
  it.each([
    ['claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['claude-3-5-haiku-latest', 'claude-3-5-haiku'],
    ['gpt-5.5-2026-04-23', 'gpt-5.5'],
    ['llama3.3:70b', undefined]
  ])('%s → %s', (model, key) => {
    expect(priceKeyFor(model, DEFAULT_PRICE_TABLE)).toBe(key);
  });
});

describe('parsePriceTable', () => {
  it('reads a table and merges it over the built-in one', () => {
    const parsed = parsePriceTable(
      {
        asOf: '2026-12-01',
        models: {
          'claude-sonnet-4-6': { input: 2.4, output: 12, cacheRead: 0.24 },
          local: { input: 0, output: 0, longPrompt: { thresholdTokens: 10, input: 1, output: 1 } }
        }
      },
      'prices.json'
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    const merged = mergePriceTables(DEFAULT_PRICE_TABLE, parsed.table);
    expect(merged.asOf).toBe('2026-12-01');
    expect(merged.models.get('claude-sonnet-4-6')).toEqual({
      input: 2.4,
      output: 12,
      cacheRead: 0.24
    });
    expect(merged.models.get('local')).toEqual({
      input: 0,
      output: 0,
      longPrompt: { thresholdTokens: 10, input: 1, output: 1 }
    });
    expect(merged.models.get('gpt-5.5')).toEqual(DEFAULT_PRICE_TABLE.models.get('gpt-5.5'));
  });

  it.each([
    [[], 'the file must hold a JSON object'],
    [{ models: {} }, "'asOf' must be the date the prices were read, as YYYY-MM-DD"],
    [{ asOf: '2026-12-01', models: [] }, "'models' must be an object of model id → rates"],
    [
      { asOf: '2026-12-01', models: {}, extra: 1 },
      "the table has an unknown field 'extra' (allowed: asOf, models)"
    ],
    [{ asOf: '2026-12-01', models: { m: { output: 1 } } }, "models['m'].input is missing"],
    [
      { asOf: '2026-12-01', models: { m: { input: -1, output: 1 } } },
      "models['m'].input must be a number ≥ 0, not -1"
    ],
    [
      { asOf: '2026-12-01', models: { m: { input: 1, output: '2' } } },
      'models[\'m\'].output must be a number ≥ 0, not "2"'
    ],
    [
      { asOf: '2026-12-01', models: { m: { input: 1, output: 2, inputs: 3 } } },
      "models['m'] has an unknown field 'inputs' (allowed: input, output, cacheRead, cacheWrite, longPrompt)"
    ],
    [
      {
        asOf: '2026-12-01',
        models: { m: { input: 1, output: 2, longPrompt: { input: 1, output: 2 } } }
      },
      "models['m'].longPrompt.thresholdTokens is missing"
    ]
  ])('rejects %j', (json, problem) => {
    const parsed = parsePriceTable(json, 'prices.json');
    expect(parsed).toMatchObject({
      ok: false,
      error: {
        code: 'USAGE',
        message: `Price table prices.json: ${problem}. Fix the file (format: docs/pricing.md).`
      }
    });
  });
});
