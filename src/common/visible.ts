/**
 * Text from user data (DOT values and excerpts, node ids, tool output, answers) made safe to print on a
 * terminal: every control character is shown as the escape a JavaScript string literal would use, so an
 * `ESC[2J` in a label prints as `\x1b[2J` instead of clearing the screen. Files on disk keep the raw bytes;
 * only what is printed goes through here (README, "Security").
 *
 * Made visible: C0 controls (U+0000–U+001F) as `\n`, `\t`, `\r` or `\xHH`; DEL and the C1 controls
 * (U+007F–U+009F) as `\xHH`; the line and paragraph separators and the bidirectional embedding, override
 * and isolate controls (U+2028, U+2029, U+202A–U+202E, U+2066–U+2069, which can reorder what a line shows)
 * as `\uHHHH`. Everything else, backslashes included, is printed as it is.
 */

/** `line`: one line, newlines and tabs made visible too. `block`: a multi-line block, `\n` and `\t` kept. */
export type VisibleLayout = 'line' | 'block';

/** True for a code unit a terminal may act on (the list above); `\n` and `\t` only in `line` layout. */
function isUnsafe(code: number, layout: VisibleLayout): boolean {
  if (code < 0x20) return layout === 'line' || (code !== 0x0a && code !== 0x09);
  if (code < 0x7f) return false;
  if (code <= 0x9f) return true;
  if (code < 0x2028) return false;
  return code <= 0x202e || (code >= 0x2066 && code <= 0x2069);
}

function escapeCode(code: number): string {
  switch (code) {
    case 0x0a:
      return '\\n';
    case 0x09:
      return '\\t';
    case 0x0d:
      return '\\r';
    default:
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
  }
}

/**
 * `text` with its control characters made visible. In `block` layout newlines and tabs stay (a `\r\n`
 * becomes `\n`), for a block printed as several lines on purpose; in `line` layout (the default) they are
 * shown as `\n` and `\t` too. Plain text is returned unchanged, and `visible(visible(t)) === visible(t)`.
 */
export function visible(text: string, layout: VisibleLayout = 'line'): string {
  let i = 0;
  while (i < text.length && !isUnsafe(text.charCodeAt(i), layout)) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  let from = i;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isUnsafe(code, layout)) continue;
    out += text.slice(from, i);
    if (code === 0x0d && layout === 'block' && text.charCodeAt(i + 1) === 0x0a) {
      from = i + 1; // CRLF → LF: the LF is kept with the text after it
      continue;
    }
    out += escapeCode(code);
    from = i + 1;
  }
  return out + text.slice(from);
}

/**
 * The end of one line of output, made visible and at most `width` characters wide: when it is longer, the
 * start is cut and replaced by `… (12,345 more characters) ` (the end of a line is what matters in a
 * failure's last lines). Counts characters as code points, and never splits one.
 */
export function visibleLineEnd(line: string, width: number): string {
  const max = Math.max(1, Math.floor(width));
  if (line.length <= max && visible(line) === line) return line;
  const kept: string[] = [];
  let shown = 0;
  let at = line.length;
  while (at > 0) {
    const low = line.charCodeAt(at - 1);
    const pair =
      at > 1 && low >= 0xdc00 && low <= 0xdfff && isHighSurrogate(line.charCodeAt(at - 2));
    const ch = line.slice(pair ? at - 2 : at - 1, at);
    const shownAs = visible(ch);
    const w = pair ? 1 : shownAs.length;
    if (shown + w > max) break;
    kept.push(shownAs);
    shown += w;
    at -= ch.length;
  }
  const tail = kept.reverse().join('');
  if (at === 0) return tail;
  return `… (${codePointCount(line, at).toLocaleString('en-US')} more characters) ${tail}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Code points in `text.slice(0, end)`. */
function codePointCount(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isHighSurrogate(code) && i + 1 < end) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * `JSON.stringify(value, null, space)`, with the characters JSON leaves raw but a terminal acts on (DEL,
 * the C1 controls, the separators and bidirectional controls above) written as `\uHHHH` escapes. The result
 * is valid JSON with the same value.
 */
export function visibleJson(value: unknown, space?: number): string {
  const text = (JSON.stringify(value, null, space) as string | undefined) ?? 'null';
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // JSON.stringify has escaped every C0 control already; what is left to escape starts at DEL.
    if (code < 0x7f || !isUnsafe(code, 'line')) continue;
    out += `${text.slice(from, i)}\\u${code.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
