/**
 * The "last lines of <node>/<file>" block of a failure summary: each line made visible (control bytes
 * shown as escapes) and at most TAIL_LINE_WIDTH characters wide, keeping the end of a longer line and
 * saying how much was cut. A stage that writes megabytes without a newline gives one bounded line.
 */
import { visible, visibleLineEnd } from '../common/visible.js';

/** Characters shown of one output line; a longer line keeps its end. */
export const TAIL_LINE_WIDTH = 500;

/**
 * `{indent}last lines of {source}:` and one `{indent}  │ line` row per line. `source` is `node/file`
 * (user data too: it is made visible).
 */
export function formatOutputTail(
  source: string,
  lines: readonly string[],
  indent: string,
  width: number = TAIL_LINE_WIDTH
): string {
  const rows = lines.map((line) => `${indent}  │ ${visibleLineEnd(line, width)}`);
  return `${indent}last lines of ${visible(source)}:\n${rows.join('\n')}`;
}
