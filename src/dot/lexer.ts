/**
 * A hand-written DOT scanner over UTF-16 char codes. It is pulled one token at a time by the parser and
 * tracks line, column and offset exactly (columns count UTF-16 code units, 1-based; a tab counts 1).
 *
 * The token right after `=` is scanned in "value mode", which also accepts the spec's BareValue
 * (`summary:high`, `claude-sonnet-4-5`, `900s`, `1.2.3`) as one token; everywhere else `:` and `-` are
 * punctuation, so `a:port` stays a port and `a->b` an edge.
 */

export type TokenKind =
  | 'id'
  | 'number'
  | 'string'
  | 'html'
  | '->'
  | '--'
  | '{'
  | '}'
  | '['
  | ']'
  | '='
  | ';'
  | ','
  | ':'
  | 'strict'
  | 'graph'
  | 'digraph'
  | 'node'
  | 'edge'
  | 'subgraph'
  | 'eof';

export type KeywordKind = 'strict' | 'graph' | 'digraph' | 'node' | 'edge' | 'subgraph';

export interface Token {
  readonly kind: TokenKind;
  /**
   * For `id`, `number`, `string` and `html`: the decoded text (quotes and angle brackets removed,
   * escapes resolved, `"a" + "b"` joined). For keywords: the text as written. Otherwise the punctuation.
   */
  readonly value: string;
  /** 0-based UTF-16 offsets; `end` is exclusive. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  /** Position just after the token. */
  readonly endLine: number;
  readonly endColumn: number;
  /** A bare `id` that contains '.', such as `tool_hooks.pre` (allowed for attribute keys, not node IDs). */
  readonly dotted: boolean;
  /** A bare value that only value mode accepts (`summary:high`, `900s`): never a node ID. */
  readonly extended: boolean;
}

export interface LexIssue {
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** The offending text ('' at end of input). */
  readonly token: string;
  readonly hint?: string;
  /** `limit` for a `maxAttrLength` violation. */
  readonly kind: 'syntax' | 'limit';
  /** The rest of the input was swallowed (unterminated string, comment or HTML string): stop parsing. */
  readonly fatal: boolean;
}

export interface LexerOptions {
  /** Longest decoded ID, string or HTML string, in UTF-16 code units. */
  readonly maxAttrLength?: number;
}

/** The DOT keywords, matched case-insensitively as Graphviz does. */
export const DOT_KEYWORDS: readonly KeywordKind[] = [
  'strict',
  'graph',
  'digraph',
  'node',
  'edge',
  'subgraph'
];

/** The keyword `text` spells (any case), if any. Allocation-free: it runs for every bare ID. */
export function keywordOf(text: string): KeywordKind | undefined {
  let candidate: KeywordKind;
  switch (text.length) {
    case 4: {
      const c = text.charCodeAt(0) | 0x20;
      if (c === 0x6e) candidate = 'node';
      else if (c === 0x65) candidate = 'edge';
      else return undefined;
      break;
    }
    case 5:
      candidate = 'graph';
      break;
    case 6:
      candidate = 'strict';
      break;
    case 7:
      candidate = 'digraph';
      break;
    case 8:
      candidate = 'subgraph';
      break;
    default:
      return undefined;
  }
  for (let i = 0; i < text.length; i += 1) {
    // Keywords are ASCII letters: OR-ing 0x20 lowercases an uppercase letter and leaves a lowercase one.
    if ((text.charCodeAt(i) | 0x20) !== candidate.charCodeAt(i)) return undefined;
  }
  return candidate;
}

/** `[A-Za-z_]` or any code unit >= U+0080 (Graphviz treats every non-ASCII byte as a letter). */
export function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}

export function isIdPart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57) || c >= 128
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The one-character punctuation tokens, by char code. */
const PUNCTUATION: ReadonlyMap<number, TokenKind> = new Map<number, TokenKind>([
  [123, '{'],
  [125, '}'],
  [91, '['],
  [93, ']'],
  [61, '='],
  [59, ';'],
  [44, ','],
  [58, ':']
]);

/** Characters that can never start a token (a run of them is reported as one problem). */
function isJunk(c: number): boolean {
  if (isSpace(c) || isIdPart(c) || PUNCTUATION.has(c)) return false;
  switch (c) {
    case 34: // "
    case 39: // '
    case 60: // <
    case 45: // -
    case 46: // .
    case 47: // /
    case 35: // #
      return false;
    default:
      return true;
  }
}

/** Plain whitespace (U+FEFF only counts at offset 0: a byte-order mark). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** Quotes `text` for a message, shortened to stay readable. */
export function describeText(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `'${shown.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

export class Lexer {
  readonly source: string;
  private readonly length: number;
  private readonly maxAttrLength: number;
  private readonly report: (issue: LexIssue) => void;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** The previous token was `=`: scan the next one as a value. */
  private valueMode = false;
  private eqLine = 0;
  /** A fatal issue was reported; only `eof` follows. */
  private stopped = false;

  constructor(source: string, report: (issue: LexIssue) => void, options: LexerOptions = {}) {
    this.source = source;
    this.length = source.length;
    this.report = report;
    this.maxAttrLength = options.maxAttrLength ?? NO_LIMIT;
    if (source.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  next(): Token {
    const valueMode = this.valueMode;
    this.valueMode = false;
    for (;;) {
      if (this.stopped || !this.skipTrivia()) return this.eof();
      const token = this.scan(valueMode);
      if (token !== undefined) return token;
    }
  }

  /** One token at `pos`, or undefined after skipping (and reporting) characters that start none. */
  private scan(valueMode: boolean): Token | undefined {
    const src = this.source;
    const start = this.pos;
    const c = src.charCodeAt(start);
    if (isIdStart(c)) {
      if (valueMode) return this.scanBareValue(start, start, this.line === this.eqLine);
      return this.scanId(start);
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(start + 1)))) {
      return this.scanNumber(start, start, valueMode);
    }
    switch (c) {
      case 34: // "
        return this.scanString(start);
      case 60: // <
        return this.scanHtml(start);
      case 45: {
        // -
        const n = src.charCodeAt(start + 1);
        if (n === 62) return this.punct('->', start, 2);
        if (n === 45) return this.punct('--', start, 2);
        if (isDigit(n) || (n === 46 && isDigit(src.charCodeAt(start + 2)))) {
          return this.scanNumber(start, start + 1, valueMode);
        }
        this.skipStray(start);
        return undefined;
      }
      case 61: {
        const token = this.punct('=', start, 1);
        this.valueMode = true;
        this.eqLine = this.line;
        return token;
      }
      case 39: // ' : recover as a string, but report it
        return this.scanSingleQuoted(start);
      default: {
        const kind = PUNCTUATION.get(c);
        if (kind !== undefined) return this.punct(kind, start, 1);
        this.skipStray(start);
        return undefined;
      }
    }
  }

  // ---- trivia ------------------------------------------------------------------------------------

  /** Skips whitespace and comments. Returns false at end of input (or after a fatal issue). */
  private skipTrivia(): boolean {
    const src = this.source;
    const len = this.length;
    let i = this.pos;
    while (i < len) {
      const c = src.charCodeAt(i);
      if (c === 10) {
        i += 1;
        this.line += 1;
        this.lineStart = i;
      } else if (isSpace(c)) {
        i += 1;
      } else if (c === 47) {
        // /
        const n = src.charCodeAt(i + 1);
        if (n === 47) {
          i = this.skipToLineEnd(i + 2);
        } else if (n === 42) {
          const end = src.indexOf('*/', i + 2);
          if (end < 0) {
            this.pos = i;
            this.fatal(
              i,
              'unterminated comment: the /* is never closed by */',
              '/*',
              "close the comment with '*/' (block comments do not nest)"
            );
            return false;
          }
          this.countLines(i + 2, end);
          i = end + 2;
        } else {
          break;
        }
      } else if (c === 35) {
        // #
        if (this.onlyBlanksBefore(i)) {
          i = this.skipToLineEnd(i + 1);
        } else {
          this.issue(
            i,
            "'#' starts a comment only as the first character of a line",
            '#',
            "use '//' for a comment after other text on the line"
          );
          i = this.skipToLineEnd(i + 1);
        }
      } else {
        break;
      }
    }
    this.pos = i;
    return i < len;
  }

  private skipToLineEnd(from: number): number {
    const nl = this.source.indexOf('\n', from);
    return nl < 0 ? this.length : nl;
  }

  private onlyBlanksBefore(offset: number): boolean {
    for (let j = offset - 1; j >= this.lineStart; j -= 1) {
      const c = this.source.charCodeAt(j);
      if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11 && !(j === 0 && c === 0xfeff))
        return false;
    }
    return true;
  }

  /** Advances line tracking over `[from, to)`. */
  private countLines(from: number, to: number): void {
    const src = this.source;
    let nl = src.indexOf('\n', from);
    while (nl >= 0 && nl < to) {
      this.line += 1;
      this.lineStart = nl + 1;
      nl = src.indexOf('\n', nl + 1);
    }
  }

  // ---- tokens ------------------------------------------------------------------------------------

  private make(
    kind: TokenKind,
    value: string,
    start: number,
    line: number,
    column: number,
    dotted = false,
    extended = false
  ): Token {
    const end = this.pos;
    return {
      kind,
      value,
      start,
      end,
      line,
      column,
      endLine: this.line,
      endColumn: end - this.lineStart + 1,
      dotted,
      extended
    };
  }

  private punct(kind: TokenKind, start: number, width: number): Token {
    this.pos = start + width;
    return this.make(kind, kind, start, this.line, start - this.lineStart + 1);
  }

  private eof(): Token {
    this.stopped = true;
    const offset = this.length;
    // After a fatal issue `pos` is where the problem started; the eof token still sits at the real end.
    if (this.pos < offset) this.countLines(this.pos, offset);
    this.pos = offset;
    return this.make('eof', '', offset, this.line, offset - this.lineStart + 1);
  }

  /** `[A-Za-z_\u0080-][A-Za-z0-9_\u0080-]*`, plus inner dots (`tool_hooks.pre`). Keywords are case-insensitive. */
  private scanId(start: number): Token {
    const src = this.source;
    const len = this.length;
    let i = start + 1;
    let dotted = false;
    for (;;) {
      if (i >= len) break;
      const c = src.charCodeAt(i);
      if (isIdPart(c)) {
        i += 1;
      } else if (c === 46 && isIdPart(src.charCodeAt(i + 1))) {
        dotted = true;
        i += 2;
      } else {
        break;
      }
    }
    return this.word(start, i, !dotted, dotted, false);
  }

  /**
   * Value mode: `[A-Za-z_\u0080-][A-Za-z0-9_.:\u0080-]*` with inner `-` (but never `->`), so
   * `claude-sonnet-4-5` and `summary:high` are one value. `from` is where scanning continues (after a
   * numeral prefix such as `900` in `900s`).
   */
  private scanBareValue(start: number, from: number, sameLineAsEq: boolean): Token {
    const src = this.source;
    const len = this.length;
    let i = from + (from === start ? 1 : 0);
    let extended = from !== start;
    let dotted = false;
    while (i < len) {
      const c = src.charCodeAt(i);
      if (isIdPart(c)) {
        i += 1;
      } else if (c === 46 || c === 58) {
        if (c === 46) dotted = true;
        extended = extended || c === 58;
        i += 1;
      } else if (c === 45 && src.charCodeAt(i + 1) !== 62) {
        extended = true;
        i += 1;
      } else {
        break;
      }
    }
    // A keyword on a new line after `=` is the next statement (`rankdir=` then `node [...]`), not a value.
    return this.word(start, i, !sameLineAsEq && !extended && !dotted, dotted, extended);
  }

  /** The bare word `[start, end)`: a keyword if `mayBeKeyword` and it spells one (any case), else an `id`. */
  private word(
    start: number,
    end: number,
    mayBeKeyword: boolean,
    dotted: boolean,
    extended: boolean
  ): Token {
    const text = this.source.slice(start, end);
    const column = start - this.lineStart + 1;
    this.pos = end;
    if (mayBeKeyword) {
      const keyword = keywordOf(text);
      if (keyword !== undefined) return this.make(keyword, text, start, this.line, column);
    }
    this.checkLength(text, start, column);
    return this.make('id', text, start, this.line, column, dotted, extended);
  }

  /** `-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)`; `digitsAt` is just past an optional `-`. */
  private scanNumber(start: number, digitsAt: number, valueMode: boolean): Token {
    const src = this.source;
    let i = digitsAt;
    while (isDigit(src.charCodeAt(i))) i += 1;
    if (src.charCodeAt(i) === 46) {
      i += 1;
      while (isDigit(src.charCodeAt(i))) i += 1;
    }
    const after = src.charCodeAt(i);
    const glued = isIdStart(after) || after === 46;
    if (valueMode && (glued || after === 58 || (after === 45 && src.charCodeAt(i + 1) !== 62))) {
      // `900s`, `15m`, `1.2.3`, `2024-01-01`: one bare value.
      return this.scanBareValue(start, i, true);
    }
    const column = start - this.lineStart + 1;
    if (glued) {
      let j = i;
      while (j < this.length && (isIdPart(src.charCodeAt(j)) || src.charCodeAt(j) === 46)) j += 1;
      const text = src.slice(start, j);
      this.issue(
        i,
        `number '${src.slice(start, i)}' runs into '${src.slice(i, j)}': ${describeText(text)} is neither a number nor an ID`,
        text,
        `quote it ("${text}") or put a space between the number and what follows`
      );
      this.pos = j;
      return this.make('number', text, start, this.line, column);
    }
    this.pos = i;
    return this.make('number', src.slice(start, i), start, this.line, column);
  }

  /** A quoted string, plus any `+ "more"` concatenations. The token spans all parts. */
  private scanString(start: number): Token {
    const line = this.line;
    const column = start - this.lineStart + 1;
    let value = this.scanStringPart(start);
    if (value === undefined) return this.eof();
    let end = this.pos;
    let endLine = this.line;
    let endLineStart = this.lineStart;
    // `"a" + "b"`: look past trivia for '+'.
    for (;;) {
      if (!this.skipTrivia() || this.source.charCodeAt(this.pos) !== 43) break;
      const plus = this.pos;
      const plusLine = this.line;
      const plusColumn = plus - this.lineStart + 1;
      this.pos += 1;
      if (!this.skipTrivia() || this.source.charCodeAt(this.pos) !== 34) {
        this.issue(
          plus,
          "'+' must be followed by a quoted string",
          '+',
          'only quoted strings can be joined: "a" + "b"',
          plusLine,
          plusColumn
        );
        break;
      }
      const part = this.scanStringPart(this.pos);
      if (part === undefined) return this.eof();
      value += part;
      end = this.pos;
      endLine = this.line;
      endLineStart = this.lineStart;
    }
    this.checkLength(value, start, column, line);
    return {
      kind: 'string',
      value,
      start,
      end,
      line,
      column,
      endLine,
      endColumn: end - endLineStart + 1,
      dotted: false,
      extended: false
    };
  }

  /** Decodes one `"..."` starting at `start`; leaves `pos` after the closing quote. */
  private scanStringPart(start: number): string | undefined {
    const src = this.source;
    const len = this.length;
    const line = this.line;
    const column = start - this.lineStart + 1;
    let out = '';
    let i = start + 1;
    let segment = i;
    for (;;) {
      if (i >= len) {
        this.pos = len;
        this.fatal(
          start,
          "unterminated string: this '\"' is never closed",
          '"',
          'add the closing \'"\'; write a quote inside a string as \\"',
          line,
          column
        );
        return undefined;
      }
      const c = src.charCodeAt(i);
      if (c === 34) break;
      if (c === 10) {
        i += 1;
        this.line += 1;
        this.lineStart = i;
      } else if (c === 92) {
        const n = src.charCodeAt(i + 1);
        let replacement: string | undefined;
        let width = 2;
        switch (n) {
          case 34:
            replacement = '"';
            break;
          case 110:
            replacement = '\n';
            break;
          case 116:
            replacement = '\t';
            break;
          case 92:
            replacement = '\\';
            break;
          case 10:
            replacement = '';
            break;
          case 13:
            if (src.charCodeAt(i + 2) === 10) {
              replacement = '';
              width = 3;
            }
            break;
          default:
            break;
        }
        if (replacement === undefined) {
          // `\l`, `\[` ... stay as both characters; the character after '\' is re-examined (it may be a newline).
          i += 1;
        } else {
          out += src.slice(segment, i) + replacement;
          i += width;
          segment = i;
          if (n === 10 || n === 13) {
            this.line += 1;
            this.lineStart = i;
          }
        }
      } else {
        i += 1;
      }
    }
    this.pos = i + 1;
    return segment === start + 1 ? src.slice(segment, i) : out + src.slice(segment, i);
  }

  /** `<...>` with balanced angle brackets; the value is the text between the outer brackets. */
  private scanHtml(start: number): Token {
    const src = this.source;
    const len = this.length;
    const line = this.line;
    const column = start - this.lineStart + 1;
    let depth = 1;
    let i = start + 1;
    for (;;) {
      if (i >= len) {
        this.pos = len;
        this.fatal(
          start,
          "unterminated HTML string: this '<' is never closed by a matching '>'",
          '<',
          'balance the angle brackets, or write the value as a quoted string ("...")',
          line,
          column
        );
        return this.eof();
      }
      const c = src.charCodeAt(i);
      if (c === 60) {
        depth += 1;
      } else if (c === 62) {
        depth -= 1;
        if (depth === 0) break;
      } else if (c === 10) {
        this.line += 1;
        this.lineStart = i + 1;
      }
      i += 1;
    }
    const value = src.slice(start + 1, i);
    this.pos = i + 1;
    this.checkLength(value, start, column, line);
    return this.make('html', value, start, line, column);
  }

  /** `'text'` is not DOT: report it, but read it as a string so one mistake gives one error. */
  private scanSingleQuoted(start: number): Token | undefined {
    const src = this.source;
    let close = start + 1;
    while (close < this.length) {
      const c = src.charCodeAt(close);
      if (c === 39 || c === 10) break;
      close += 1;
    }
    if (src.charCodeAt(close) !== 39) {
      this.skipStray(start);
      return undefined;
    }
    const text = src.slice(start, close + 1);
    this.issue(
      start,
      `DOT strings use double quotes, found ${describeText(text)}`,
      text,
      `write "${src.slice(start + 1, close)}"`
    );
    const column = start - this.lineStart + 1;
    this.pos = close + 1;
    return this.make('string', src.slice(start + 1, close), start, this.line, column);
  }

  /** Characters that start no token: report the run once and skip it. */
  private skipStray(start: number): void {
    const src = this.source;
    let end = start + 1;
    while (end < this.length && isJunk(src.charCodeAt(end))) end += 1;
    const text = src.slice(start, end);
    let hint: string;
    switch (text.charAt(0)) {
      case '+':
        hint = 'only quoted strings can be joined with \'+\': "a" + "b"';
        break;
      case '-':
        hint = "edges are written '->'; a negative number is written -1";
        break;
      case '.':
        hint =
          "'.' may only appear inside a number (.5) or between the parts of a name (tool_hooks.pre)";
        break;
      case '/':
        hint = "comments start with '//' or '/*'";
        break;
      case '>':
        hint = "edges are written '->'; HTML strings are written <...>";
        break;
      case '\\':
        hint = 'escapes like \\n are only meaningful inside a quoted string';
        break;
      default:
        hint = 'quote the text ("...") if it is part of a name or value';
        break;
    }
    this.issue(
      start,
      `unexpected ${text.length === 1 ? 'character' : 'characters'} ${describeText(text)}`,
      text,
      hint
    );
    this.pos = end;
  }

  // ---- issues ------------------------------------------------------------------------------------

  private checkLength(value: string, start: number, column: number, line = this.line): void {
    if (value.length <= this.maxAttrLength) return;
    this.report({
      message: `value is ${value.length} characters long, over the limit of ${this.maxAttrLength}`,
      offset: start,
      line,
      column,
      token: this.source.slice(start, start + 1),
      hint: 'shorten the value, or raise limits.maxAttrLength if this input is trusted',
      kind: 'limit',
      fatal: true
    });
    this.stopped = true;
  }

  private issue(
    offset: number,
    message: string,
    token: string,
    hint: string,
    line = this.line,
    column = offset - this.lineStart + 1,
    fatal = false
  ): void {
    if (fatal) this.stopped = true;
    this.report({ message, offset, line, column, token, hint, kind: 'syntax', fatal });
  }

  /** An issue after which the rest of the input is swallowed: only `eof` follows. */
  private fatal(
    offset: number,
    message: string,
    token: string,
    hint: string,
    line?: number,
    column?: number
  ): void {
    this.issue(offset, message, token, hint, line, column, true);
  }
}

/** Every token of `source` up to and including `eof`, plus the issues found (for tests and tools). */
export function tokenize(
  source: string,
  options: LexerOptions = {}
): { tokens: Token[]; issues: LexIssue[] } {
  const issues: LexIssue[] = [];
  const lexer = new Lexer(source, (issue) => issues.push(issue), options);
  const tokens: Token[] = [];
  for (;;) {
    const token = lexer.next();
    tokens.push(token);
    if (token.kind === 'eof') return { tokens, issues };
  }
}
