/**
 * What an LLM call cost, from its usage and a dated price table (docs/pricing.md shows the same table and
 * says where each row comes from; a test keeps the two equal). A JSON file can override or add models
 * (`parsePriceTable` + `mergePriceTables`; src/adapters/price-table-file.ts reads it).
 */
import { TrackerError } from './errors.js';
import type { LlmUsage } from './llm-usage.js';

/** USD per million tokens. A missing cache rate is charged at the input rate. */
export interface TokenRates {
  readonly input: number;
  readonly output: number;
  readonly cacheRead?: number;
  readonly cacheWrite?: number;
}

export interface ModelPrice extends TokenRates {
  /**
   * Rates for a request whose prompt (`inputTokens`, cache included) is longer than `thresholdTokens`; they
   * then apply to every token of that request.
   */
  readonly longPrompt?: TokenRates & { readonly thresholdTokens: number };
}

export interface PriceTable {
  /** The day the prices were read from the providers' pages (YYYY-MM-DD). */
  readonly asOf: string;
  readonly models: ReadonlyMap<string, ModelPrice>;
}

export type UsageCost =
  | { readonly priced: true; readonly costUsd: number; readonly priceKey: string }
  | { readonly priced: false };

export const PRICE_TABLE_AS_OF = '2026-12-02';

const opus5: ModelPrice = { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 };
const opus4: ModelPrice = { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 };
const sonnet4: ModelPrice = { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 };
const sonnet4LongContext: ModelPrice = {
  ...sonnet4,
  longPrompt: { thresholdTokens: 200_000, input: 6, output: 22.5, cacheWrite: 7.5, cacheRead: 0.6 }
};
const gpt5: ModelPrice = { input: 1.25, output: 10, cacheRead: 0.125 };

/** Standard-tier list prices (no batch, priority or regional surcharges). Sources: docs/pricing.md. */
const DEFAULT_PRICES: ReadonlyArray<readonly [string, ModelPrice]> = [
  ['claude-fable-5-1', { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 }],
  ['claude-fable-5', { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 1 }],
  ['claude-opus-5-5', { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 }],
  ['claude-opus-5', opus5],
  ['claude-opus-4-8', opus5],
  ['claude-opus-4-7', opus5],
  ['claude-opus-4-6', opus5],
  ['claude-opus-4-5', opus5],
  ['claude-opus-4-1', opus4],
  ['claude-opus-4-0', opus4],
  ['claude-opus-4', opus4],
  ['claude-sonnet-5-5', { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 }],
  ['claude-sonnet-5', { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 }],
  ['claude-sonnet-4-6', sonnet4],
  ['claude-sonnet-4-5', sonnet4LongContext],
  ['claude-sonnet-4-0', sonnet4LongContext],
  ['claude-sonnet-4', sonnet4LongContext],
  [
    'claude-haiku-5-5',
    {
      input: 0.1,
      output: 0.5,
      cacheWrite: 0.125,
      cacheRead: 0.01,
      longPrompt: {
        thresholdTokens: 100_000,
        input: 0.5,
        output: 2.5,
        cacheWrite: 0.625,
        cacheRead: 0.05
      }
    }
  ],
  ['claude-haiku-4-5', { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 }],
  ['claude-3-5-haiku', { input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 }],
  ['claude-3-haiku', { input: 0.25, output: 1.25, cacheWrite: 0.3, cacheRead: 0.03 }],
  ['gpt-5.5', { input: 5, output: 30, cacheRead: 0.5 }],
  ['gpt-5.4', { input: 2.5, output: 15, cacheRead: 0.25 }],
  ['gpt-5.4-mini', { input: 0.75, output: 4.5, cacheRead: 0.075 }],
  ['gpt-5.4-nano', { input: 0.2, output: 1.25, cacheRead: 0.02 }],
  ['gpt-5.2', { input: 1.75, output: 14, cacheRead: 0.175 }],
  ['gpt-5.1', gpt5],
  ['gpt-5', gpt5],
  ['gpt-5-mini', { input: 0.25, output: 2, cacheRead: 0.025 }],
  ['gpt-5-nano', { input: 0.05, output: 0.4, cacheRead: 0.005 }],
  ['gpt-4.1', { input: 2, output: 8, cacheRead: 0.5 }],
  ['gpt-4.1-mini', { input: 0.4, output: 1.6, cacheRead: 0.1 }],
  ['gpt-4.1-nano', { input: 0.1, output: 0.4, cacheRead: 0.025 }],
  ['gpt-4o', { input: 2.5, output: 10, cacheRead: 1.25 }],
  ['gpt-4o-mini', { input: 0.15, output: 0.6, cacheRead: 0.075 }],
  ['o3', { input: 2, output: 8, cacheRead: 0.5 }],
  ['o4-mini', { input: 1.1, output: 4.4, cacheRead: 0.275 }]
];

export const DEFAULT_PRICE_TABLE: PriceTable = {
  asOf: PRICE_TABLE_AS_OF,
  models: new Map(DEFAULT_PRICES)
};

const DATE_SUFFIX = /-(\d{8}|\d{4}-\d{2}-\d{2})$/;

/**
 * The table key that prices `model`: the id itself, else the id without a dated-snapshot suffix
 * (`claude-haiku-4-5-20251001`, `gpt-4o-2024-08-06`) or a `-latest` suffix.
 */
export function priceKeyFor(model: string, table: PriceTable): string | undefined {
  const candidates = [model, model.replace(DATE_SUFFIX, ''), model.replace(/-latest$/, '')];
  return candidates.find((key) => table.models.has(key));
}

/** The USD cost of `usage` on `model`, or `{ priced: false }` when the table has no price for it. */
export function costOfUsage(usage: LlmUsage, model: string, table: PriceTable): UsageCost {
  const key = priceKeyFor(model, table);
  const price = key === undefined ? undefined : table.models.get(key);
  if (key === undefined || price === undefined) return { priced: false };
  const long = price.longPrompt;
  const rates: TokenRates = long && usage.inputTokens > long.thresholdTokens ? long : price;
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const micro =
    uncached * rates.input +
    cacheRead * (rates.cacheRead ?? rates.input) +
    cacheWrite * (rates.cacheWrite ?? rates.input) +
    usage.outputTokens * rates.output;
  return { priced: true, costUsd: micro / 1_000_000, priceKey: key };
}

/** `base` with `override`'s models added or replacing; the date is the override's. */
export function mergePriceTables(base: PriceTable, override: PriceTable): PriceTable {
  return { asOf: override.asOf, models: new Map([...base.models, ...override.models]) };
}

export type PriceTableParse =
  | { readonly ok: true; readonly table: PriceTable }
  | { readonly ok: false; readonly error: TrackerError };

/** A problem in a price table file; thrown inside the parser only, returned as a value. */
class PriceTableProblem extends Error {
  constructor(readonly text: string) {
    super(text);
    this.name = 'PriceTableProblem';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFields(
  value: Record<string, unknown>,
  where: string,
  allowed: readonly string[]
): void {
  const unknown = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined)
    throw new PriceTableProblem(
      `${where} has an unknown field '${unknown}' (allowed: ${allowed.join(', ')})`
    );
}

function readNumber(
  value: Record<string, unknown>,
  field: string,
  where: string
): number | undefined {
  const n = value[field];
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
    throw new PriceTableProblem(`${where}.${field} must be a number ≥ 0, not ${JSON.stringify(n)}`);
  return n;
}

function readRates(value: unknown, where: string): TokenRates {
  if (!isRecord(value)) throw new PriceTableProblem(`${where} must be an object of rates`);
  const input = readNumber(value, 'input', where);
  const output = readNumber(value, 'output', where);
  if (input === undefined) throw new PriceTableProblem(`${where}.input is missing`);
  if (output === undefined) throw new PriceTableProblem(`${where}.output is missing`);
  const cacheRead = readNumber(value, 'cacheRead', where);
  const cacheWrite = readNumber(value, 'cacheWrite', where);
  return {
    input,
    output,
    ...(cacheRead === undefined ? {} : { cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWrite })
  };
}

const RATE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite'];

function readModelPrice(value: unknown, where: string): ModelPrice {
  const rates = readRates(value, where);
  const record = value as Record<string, unknown>;
  checkFields(record, where, [...RATE_FIELDS, 'longPrompt']);
  const long = record['longPrompt'];
  if (long === undefined) return rates;
  const longWhere = `${where}.longPrompt`;
  const longRates = readRates(long, longWhere);
  checkFields(long as Record<string, unknown>, longWhere, [...RATE_FIELDS, 'thresholdTokens']);
  const thresholdTokens = readNumber(long as Record<string, unknown>, 'thresholdTokens', longWhere);
  if (thresholdTokens === undefined)
    throw new PriceTableProblem(`${longWhere}.thresholdTokens is missing`);
  return { ...rates, longPrompt: { ...longRates, thresholdTokens } };
}

function readPriceTable(json: unknown): PriceTable {
  if (!isRecord(json)) throw new PriceTableProblem('the file must hold a JSON object');
  checkFields(json, 'the table', ['asOf', 'models']);
  const asOf = json['asOf'];
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new PriceTableProblem(`'asOf' must be the date the prices were read, as YYYY-MM-DD`);
  const models = json['models'];
  if (!isRecord(models))
    throw new PriceTableProblem(`'models' must be an object of model id → rates`);
  const table = new Map<string, ModelPrice>();
  for (const [model, value] of Object.entries(models))
    table.set(model, readModelPrice(value, `models['${model}']`));
  return { asOf, models: table };
}

/**
 * A price table from parsed JSON: `{ "asOf": "YYYY-MM-DD", "models": { "<model id>": { "input": 3,
 * "output": 15, "cacheRead": 0.3, "cacheWrite": 3.75, "longPrompt": { "thresholdTokens": 200000, … } } } }`
 * (USD per million tokens). `source` names the file in the message of an invalid table.
 */
export function parsePriceTable(json: unknown, source: string): PriceTableParse {
  try {
    return { ok: true, table: readPriceTable(json) };
  } catch (problem) {
    if (!(problem instanceof PriceTableProblem)) throw problem;
    return {
      ok: false,
      error: new TrackerError(
        'USAGE',
        `Price table ${source}: ${problem.text}. Fix the file (format: docs/pricing.md).`
      )
    };
  }
}
