/**
 * The one error `parseDot` throws. It carries every independent problem the parser found (after error
 * recovery), each with file:line:col, the offending token, a source excerpt and a hint on how to fix it.
 */
import { TrackerError } from '../common/errors.js';
import { visible } from '../common/visible.js';

/** Where a problem is. `line` and `column` are 1-based (columns count UTF-16 code units); `offset` is 0-based. */
export interface DotLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** `DOT_SYNTAX` for malformed text, `DOT_LIMIT` when untrusted input exceeds a `DotLimits` bound. */
export type DotErrorCode = 'DOT_SYNTAX' | 'DOT_LIMIT';

export interface DotSyntaxIssue {
  readonly message: string;
  readonly location: DotLocation;
  /** The offending token as written ('' at end of input). */
  readonly token: string;
  /** How to fix it. */
  readonly hint?: string;
  readonly code: DotErrorCode;
  /** The source line and a caret line under the column (see `sourceExcerpt`). */
  readonly excerpt: string;
}

/** Excerpts show at most this many characters of a line (minified input can have one huge line). */
const EXCERPT_WIDTH = 120;

/**
 * The line holding `offset` and a caret under it, with a line-number gutter:
 * ```
 *   3 |   a [label="x"
 *     |     ^
 * ```
 * Control characters in the line are shown as escapes (`visible`: `ESC` as `\x1b`), and the caret stays
 * under the character it points at.
 */
export function sourceExcerpt(
  source: string,
  location: Pick<DotLocation, 'line' | 'offset'>
): string {
  const offset = Math.max(0, Math.min(location.offset, source.length));
  // Look for the line's ends only nearby: a minified file can be one 10 MB line.
  const floor = Math.max(0, offset - 4 * EXCERPT_WIDTH);
  const ceiling = Math.min(source.length, offset + 4 * EXCERPT_WIDTH);
  let lineStart = offset;
  while (lineStart > floor && source.charCodeAt(lineStart - 1) !== 10) lineStart -= 1;
  let lineEnd = offset;
  while (lineEnd < ceiling && source.charCodeAt(lineEnd) !== 10) lineEnd += 1;
  const cutBefore = lineStart > 0 && source.charCodeAt(lineStart - 1) !== 10;
  const cutAfter = lineEnd < source.length && source.charCodeAt(lineEnd) !== 10;
  if (!cutAfter && lineEnd > lineStart && source.charCodeAt(lineEnd - 1) === 13) lineEnd -= 1;
  let prefix = cutBefore ? '…' : '';
  let suffix = cutAfter ? '…' : '';
  if (lineEnd - lineStart > EXCERPT_WIDTH) {
    const from = Math.max(lineStart, Math.min(offset - EXCERPT_WIDTH / 2, lineEnd - EXCERPT_WIDTH));
    const to = Math.min(lineEnd, from + EXCERPT_WIDTH);
    if (from > lineStart) prefix = '…';
    if (to < lineEnd) suffix = '…';
    lineStart = from;
    lineEnd = to;
  }
  const text = source.slice(lineStart, lineEnd);
  const caretAt = Math.min(offset, lineEnd) - lineStart;
  let pad = prefix === '' ? '' : ' ';
  for (let i = 0; i < caretAt; i += 1) {
    const ch = text[i] ?? '';
    pad += ch === '\t' ? '\t' : ' '.repeat(visible(ch).length);
  }
  const gutter = String(location.line);
  const blank = ' '.repeat(gutter.length);
  return `  ${gutter} | ${prefix}${visible(text, 'block')}${suffix}\n  ${blank} | ${pad}^`;
}

/** The diagnostic rule id for an issue's code (`dot_syntax`, `dot_limit`). */
export function issueRule(code: DotErrorCode): string {
  switch (code) {
    case 'DOT_SYNTAX':
      return 'dot_syntax';
    case 'DOT_LIMIT':
      return 'dot_limit';
  }
}

/** Renders one issue as `file:line:col: error[dot_syntax]: message`, the excerpt and the hint. */
export function formatDotIssue(issue: DotSyntaxIssue): string {
  const { file, line, column } = issue.location;
  let text = `${visible(file)}:${line}:${column}: error[${issueRule(issue.code)}]: ${visible(issue.message)}`;
  if (issue.excerpt !== '') text += `\n${visible(issue.excerpt, 'block')}`;
  if (issue.hint !== undefined) text += `\n  hint: ${visible(issue.hint)}`;
  return text;
}

export class DotSyntaxError extends TrackerError {
  /** The primary (first) issue's location. */
  readonly location: DotLocation;
  readonly token: string;
  readonly hint?: string;
  readonly excerpt: string;
  /** Every independent issue found, the primary first. Never empty. */
  readonly issues: readonly DotSyntaxIssue[];
  /** True when the parser stopped at its error cap, so there may be more problems after the last issue. */
  readonly truncated: boolean;

  constructor(
    issues: readonly [DotSyntaxIssue, ...DotSyntaxIssue[]],
    options: { readonly cause?: unknown; readonly truncated?: boolean } = {}
  ) {
    const primary = issues[0];
    const { file, line, column } = primary.location;
    const more =
      issues.length > 1
        ? ` (and ${issues.length - 1} more error${issues.length > 2 ? 's' : ''})`
        : '';
    super(primary.code, `${file}:${line}:${column}: ${primary.message}${more}`, {
      ...(options.cause === undefined ? {} : { cause: options.cause })
    });
    this.name = 'DotSyntaxError';
    this.location = primary.location;
    this.token = primary.token;
    if (primary.hint !== undefined) this.hint = primary.hint;
    this.excerpt = primary.excerpt;
    this.issues = issues;
    this.truncated = options.truncated ?? false;
  }

  /** Every issue, compiler style, separated by blank lines (and a note when parsing stopped early). */
  format(): string {
    const text = this.issues.map(formatDotIssue).join('\n\n');
    return this.truncated
      ? `${text}\n\nnote: stopped after ${this.issues.length} errors; fix these and run again to see the rest`
      : text;
  }
}
