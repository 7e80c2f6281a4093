/**
 * A wait time in the DOT duration syntax (`5m`, `1h30m`, `1s500ms`), so messages show a gate's timeout
 * the way it is written in the pipeline. `parseDuration(formatTimeout(ms)) === ms` for whole milliseconds.
 */
const UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1]
];

export function formatTimeout(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, size] of UNITS) {
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      out += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return out;
}
