/**
 * The one duration formatter. Every duration a message or the console shows is written in the DOT
 * duration syntax (`250ms`, `5m`, `1h30m`), so it reads like the attribute that set it and
 * `parseDuration` (src/graph/values.ts) reads it back.
 *
 * - exact (the default), for durations a pipeline sets (timeouts, delays, limits): every unit down to
 *   the millisecond, `1s500ms`; `parseDuration(formatDuration(ms)) === ms` for whole milliseconds.
 * - `approximate`, for measured times (how long a stage ran): two units at most, the smaller one
 *   rounded — `250ms`, `1.23s`, `12.3s`, `1m05s`, `2h07m`, `1d03h`.
 */
const SIZE = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
const UNITS = Object.entries(SIZE);

export interface DurationFormat {
  /** Round to two units for display (measured times); the default is exact. */
  readonly approximate?: boolean;
}

export function formatDuration(ms: number, format: DurationFormat = {}): string {
  return format.approximate === true ? approximate(ms) : exact(ms);
}

function exact(ms: number): string {
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

function approximate(ms: number): string {
  const t = Math.max(0, ms);
  if (Math.round(t) < 1000) return `${Math.round(t)}ms`;
  if (t < 9_995) return `${(t / 1000).toFixed(2)}s`;
  if (t < 59_950) return `${(t / 1000).toFixed(1)}s`;
  // Two whole units, the smaller one rounded: the first pair whose larger unit the rounding does not
  // overflow (59.6 s is 1m00s, never 0m60s; 59m59.4s stays 59m59s).
  for (const [big, small, next] of [
    ['m', 's', 'h'],
    ['h', 'm', 'd']
  ] as const) {
    const total = Math.round(t / SIZE[small]);
    const per = SIZE[big] / SIZE[small];
    if (total < SIZE[next] / SIZE[small])
      return pair(Math.floor(total / per), big, total % per, small);
  }
  const hours = Math.round(t / SIZE.h);
  return pair(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

function pair(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return `${big}${bigUnit}${String(small).padStart(2, '0')}${smallUnit}`;
}
