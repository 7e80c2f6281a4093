/** docs/pricing.md shows the price table tracker uses: the two must say the same. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_PRICE_TABLE,
  PRICE_TABLE_AS_OF,
  type ModelPrice
} from '../../src/common/pricing.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/pricing.md', import.meta.url)), 'utf8');

function rate(cell: string): number | undefined {
  return cell === '—' ? undefined : Number(cell);
}

function documentedPrices(): [string, ModelPrice][] {
  const table = /<!-- prices:start -->\n([\s\S]*?)<!-- prices:end -->/.exec(doc)?.[1];
  if (table === undefined) throw new Error('docs/pricing.md has no prices table');
  return table
    .split('\n')
    .filter(
      (line) => line.startsWith('| ') && !line.startsWith('| model') && !line.startsWith('| ---')
    )
    .map((line) => {
      const [model = '', input = '', cacheRead = '', cacheWrite = '', output = '', long = ''] = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      const price: Record<string, unknown> = { input: rate(input), output: rate(output) };
      if (rate(cacheRead) !== undefined) price['cacheRead'] = rate(cacheRead);
      if (rate(cacheWrite) !== undefined) price['cacheWrite'] = rate(cacheWrite);
      const tier = /^above (\d+): (\S+) \/ (\S+) \/ (\S+) \/ (\S+)$/.exec(long);
      if (tier) {
        const [, threshold = '', i = '', r = '', w = '', o = ''] = tier;
        price['longPrompt'] = {
          thresholdTokens: Number(threshold),
          input: Number(i),
          output: Number(o),
          ...(rate(r) === undefined ? {} : { cacheRead: rate(r) }),
          ...(rate(w) === undefined ? {} : { cacheWrite: rate(w) })
        };
      } else if (long !== '—')
        throw new Error(`cannot read the long-prompt cell of ${model}: ${long}`);
      return [model, price as unknown as ModelPrice];
    });
}

describe('docs/pricing.md', () => {
  it('lists exactly the built-in price table, in its order', () => {
    expect(documentedPrices()).toEqual([...DEFAULT_PRICE_TABLE.models]);
  });

  it('states the date of the table', () => {
    expect(doc).toContain(`**Prices as of ${PRICE_TABLE_AS_OF}**`);
  });
});
