import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPriceTable } from '../../src/adapters/price-table-file.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('loadPriceTable', () => {
  it('merges the file over the built-in table', async () => {
    await using dir = await makeTempDir();
    const file = join(dir.path, 'prices.json');
    writeFileSync(
      file,
      JSON.stringify({ asOf: '2026-12-01', models: { 'my-model': { input: 1, output: 2 } } })
    );
    const loaded = await loadPriceTable(file);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.table.models.get('my-model')).toEqual({ input: 1, output: 2 });
    expect(loaded.table.models.has('claude-sonnet-4-6')).toBe(true);
  });

  it.each([
    ['a missing file', undefined, /^Cannot read the price table .*missing\.json: ENOENT/],
    [
      'invalid JSON',
      '{ "asOf": ',
      /^Price table .*missing\.json is not valid JSON: .*Fix the file \(format: docs\/pricing\.md\)\.$/
    ],
    [
      'an invalid table',
      '{"asOf":"2026-12-01","models":{"m":{"input":1}}}',
      /^Price table .*missing\.json: models\['m'\]\.output is missing\./
    ]
  ])('returns %s as a USAGE error value', async (_case, content, message) => {
    await using dir = await makeTempDir();
    const file = join(dir.path, 'missing.json');
    if (content !== undefined) writeFileSync(file, content);
    const loaded = await loadPriceTable(file);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.error.code).toBe('USAGE');
      expect(loaded.error.message).toMatch(message);
    }
  });
});
