import { readFile } from 'node:fs/promises';
import { TrackerError, errorMessage } from '../common/errors.js';
import {
  DEFAULT_PRICE_TABLE,
  mergePriceTables,
  parsePriceTable,
  type PriceTable,
  type PriceTableParse
} from '../common/pricing.js';

/** An fs or JSON error's own message (also for errors from another realm, which fail `instanceof`). */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : errorMessage(error);
}

/**
 * The price table with the models of the JSON file at `path` added or replacing the built-in ones
 * (negotiated prices, new models; format in docs/pricing.md). A file that cannot be read or is not a valid
 * table is an error value naming the file.
 */
export async function loadPriceTable(
  path: string,
  base: PriceTable = DEFAULT_PRICE_TABLE
): Promise<PriceTableParse> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return {
      ok: false,
      error: new TrackerError(
        'USAGE',
        `Cannot read the price table ${path}: ${messageOf(error)}.`,
        {
          cause: error
        }
      )
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: new TrackerError(
        'USAGE',
        `Price table ${path} is not valid JSON: ${messageOf(error)}. Fix the file (format: docs/pricing.md).`,
        { cause: error }
      )
    };
  }
  const parsed = parsePriceTable(json, path);
  return parsed.ok ? { ok: true, table: mergePriceTables(base, parsed.table) } : parsed;
}
