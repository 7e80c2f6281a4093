/**
 * Pointing inside an attribute value: the condition or stylesheet parsers report an offset into the
 * decoded value, and messages should point at that character in the file.
 *
 * An AttrValue's `loc` is where its key was written. Assuming the usual `key=value` / `key="value"`
 * layout (no spaces around `=`), the value starts right after the `=` and, when quoted, the opening
 * quote. Inside a multi-line value, the line and column are counted from the newlines before the offset.
 * Values that are not written on the element (defaults, stylesheet) get the key location unchanged.
 */
import type { AttrValue } from '../graph/graph.js';
import type { SourceLocation } from '../common/source-location.js';

export function locateInValue(
  value: AttrValue,
  key: string,
  offset: number
): SourceLocation | undefined {
  const loc = value.loc;
  if (loc === undefined) return undefined;
  if (value.origin !== 'explicit' && value.origin !== 'alias') return loc;
  const text = value.value;
  const at = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, at);
  const newline = before.lastIndexOf('\n');
  if (newline === -1) {
    const start =
      loc.column + (value.writtenKey ?? key).length + 1 + (value.kind === 'quoted' ? 1 : 0);
    return { file: loc.file, line: loc.line, column: start + at };
  }
  let lines = 0;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) lines++;
  return { file: loc.file, line: loc.line + lines, column: at - newline };
}
