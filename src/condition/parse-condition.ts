/**
 * Parser for edge conditions (spec §10.2) and Tracker's extended operators (docs/conditions.md).
 *
 *   Condition ::= Or | ''                         (the empty condition always holds)
 *   Or        ::= And ( '||' And )*               ('||' is a Tracker extension, lowest precedence)
 *   And       ::= Unary ( '&&' Unary )*
 *   Unary     ::= ( 'not' | '!' ) Unary | Clause   (negation is a Tracker extension)
 *   Clause    ::= Key [ Op Value ]                 (a bare key is a truthiness test, spec §10.5)
 *   Op        ::= '=' | '!=' | '==' | '<' | '<=' | '>' | '>=' | [ 'not' ] WordOp
 *   WordOp    ::= 'contains' | 'startswith' | 'endswith' | 'in' | 'matches'
 *
 * Parsing never throws: the result is a value with either the expression or errors that carry an
 * offset into the condition text and a message that says how to fix it.
 */
import type {
  CompareOp,
  ConditionExpr,
  ConditionKey,
  ConditionLiteral,
  ConditionSpan
} from './condition-ast.js';
import { closestMatch } from '../common/suggest.js';

export interface ConditionError {
  readonly message: string;
  /** 0-based offset into the condition text. */
  readonly offset: number;
  readonly length: number;
  readonly hint?: string;
}

export type ParseConditionResult =
  | {
      readonly ok: true;
      readonly expr: ConditionExpr;
      /** Tracker extensions the condition uses (`||`, `contains`, `ctx.` …), in order of first use. */
      readonly extensions: readonly string[];
      /** Legal but suspicious: a key that looks like a misspelt `outcome`, an outcome that never occurs. */
      readonly warnings: readonly ConditionError[];
    }
  | { readonly ok: false; readonly errors: readonly ConditionError[] };

/** Longest condition accepted; real conditions are a few dozen characters. */
export const MAX_CONDITION_LENGTH = 16_384;

/** The statuses `outcome` can take (spec §5.2). Compared case-insensitively. */
export const OUTCOME_VALUES: readonly string[] = [
  'success',
  'partial_success',
  'retry',
  'fail',
  'skipped'
];

const RESERVED_KEYS = ['outcome', 'preferred_label'];
const WORD_OPS = ['contains', 'startswith', 'endswith', 'in', 'matches'] as const;
type WordOp = (typeof WORD_OPS)[number];
const SYMBOL_OPS: ReadonlyMap<string, CompareOp> = new Map<string, CompareOp>([
  ['=', '='],
  ['==', '='],
  ['!=', '!='],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>=']
]);
const OPERATOR_CHARS = '=!<>~';
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const NON_ASCII_BARE = /[\p{L}\p{N}]/u;

/** Unwinds the parser to `parseCondition`, which turns it into an error value; never escapes. */
class ConditionSyntaxFailure extends Error {
  constructor(readonly error: ConditionError) {
    super(error.message);
    this.name = 'ConditionSyntaxFailure';
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isKeyStart(c: number): boolean {
  return isLetter(c) || c === 95;
}

function isKeyChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 45;
}

/** Characters allowed in an unquoted value: letters, digits and `_ . : - / @ + % ~`. */
function isBareChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (isLetter(c) || isDigit(c)) return true;
  if (c < 128) return '_.:-/@+%~'.includes(ch);
  return NON_ASCII_BARE.test(ch);
}

function quote(text: string): string {
  return `'${text}'`;
}

/** `key=value` or `key contains value`: how a clause with this operator is written. */
function clause(key: string, op: string, value: string): string {
  return /^[a-z ]+$/.test(op) ? `${key} ${op} ${value}` : `${key}${op}${value}`;
}

function column(offset: number): string {
  return `column ${offset + 1}`;
}

/** Parses a condition. The empty (or all-whitespace) condition parses to an `and` with no items. */
export function parseCondition(text: string): ParseConditionResult {
  if (text.length > MAX_CONDITION_LENGTH) {
    return {
      ok: false,
      errors: [
        {
          message: `condition is ${text.length} characters long; the limit is ${MAX_CONDITION_LENGTH}`,
          offset: MAX_CONDITION_LENGTH,
          length: text.length - MAX_CONDITION_LENGTH,
          hint: 'Split the decision over several edges or compute a flag in a tool node and test that.'
        }
      ]
    };
  }
  const parser = new ConditionParser(text);
  try {
    const expr = parser.parse();
    return { ok: true, expr, extensions: [...parser.extensions], warnings: parser.warnings };
  } catch (e) {
    if (e instanceof ConditionSyntaxFailure) return { ok: false, errors: [e.error] };
    throw e;
  }
}

interface Joiner {
  readonly text: string;
  readonly offset: number;
}

class ConditionParser {
  readonly extensions = new Set<string>();
  readonly warnings: ConditionError[] = [];
  #pos = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  parse(): ConditionExpr {
    this.#skipSpace();
    if (this.#pos >= this.#text.length) {
      return { type: 'and', items: [], span: { start: 0, end: this.#text.length } };
    }
    const expr = this.#parseOr();
    if (this.#pos < this.#text.length) {
      // Every clause checks what follows it, so this is unreachable; keep a precise error anyway.
      this.#fail(
        `unexpected ${quote(this.#text.charAt(this.#pos))} at ${column(this.#pos)}`,
        this.#pos,
        1
      );
    }
    return expr;
  }

  // ── structure ───────────────────────────────────────────────────────────────

  #parseOr(): ConditionExpr {
    const start = this.#pos;
    const items = [this.#parseAnd(undefined)];
    while (this.#at('||')) {
      const joiner = { text: '||', offset: this.#pos };
      this.#pos += 2;
      this.extensions.add('||');
      items.push(this.#parseAnd(joiner));
    }
    const [first] = items;
    if (items.length === 1 && first !== undefined) return first;
    return { type: 'or', items, span: { start, end: this.#lastEnd(items) } };
  }

  #parseAnd(previous: Joiner | undefined): ConditionExpr {
    this.#skipSpace();
    const start = this.#pos;
    const items = [this.#parseUnary(previous)];
    while (this.#at('&&')) {
      const joiner = { text: '&&', offset: this.#pos };
      this.#pos += 2;
      items.push(this.#parseUnary(joiner));
    }
    const [first] = items;
    if (items.length === 1 && first !== undefined) return first;
    return { type: 'and', items, span: { start, end: this.#lastEnd(items) } };
  }

  #lastEnd(items: readonly ConditionExpr[]): number {
    return items[items.length - 1]?.span.end ?? this.#pos;
  }

  #parseUnary(previous: Joiner | undefined): ConditionExpr {
    this.#skipSpace();
    const negations: Joiner[] = [];
    for (;;) {
      const c = this.#code(this.#pos);
      if (c === 33 /* ! */ && this.#code(this.#pos + 1) !== 61 /* = */) {
        negations.push({ text: '!', offset: this.#pos });
        this.extensions.add('!');
        this.#pos += 1;
        this.#skipSpace();
        continue;
      }
      const word = this.#wordAt(this.#pos);
      if (word !== undefined && isSpace(this.#code(this.#pos + word.length))) {
        if (word === 'not') {
          negations.push({ text: 'not', offset: this.#pos });
          this.extensions.add('not');
          this.#pos += 3;
          this.#skipSpace();
          continue;
        }
        if (word.toLowerCase() === 'not') {
          this.#fail(
            `${quote(word)} at ${column(this.#pos)} must be written in lowercase: 'not'`,
            this.#pos,
            word.length
          );
        }
      }
      break;
    }
    const last = negations[negations.length - 1];
    let expr = this.#parseClause(last ?? previous, last !== undefined);
    for (let i = negations.length - 1; i >= 0; i--) {
      const negation = negations[i];
      if (negation === undefined) continue;
      expr = { type: 'not', item: expr, span: { start: negation.offset, end: expr.span.end } };
    }
    return expr;
  }

  #parseClause(previous: Joiner | undefined, negated: boolean): ConditionExpr {
    this.#skipSpace();
    const start = this.#pos;
    if (start >= this.#text.length) {
      const after = previous ?? { text: '', offset: start };
      this.#fail(
        `missing clause after ${quote(after.text)} at ${column(after.offset)}`,
        after.offset,
        after.text.length,
        negated
          ? `Put the clause to negate after ${quote(after.text)}, e.g. not outcome=fail.`
          : `Remove the trailing ${quote(after.text)} or add a clause after it.`
      );
    }
    const joiner = this.#joinerAt(start);
    if (joiner !== undefined) {
      if (negated && previous !== undefined) {
        this.#fail(
          `missing clause after ${quote(previous.text)} at ${column(previous.offset)}`,
          previous.offset,
          previous.text.length,
          `Put the clause to negate after ${quote(previous.text)}, e.g. not outcome=fail.`
        );
      }
      if (previous === undefined) {
        this.#fail(
          `missing clause before ${quote(joiner)} at ${column(start)}`,
          start,
          2,
          `Remove the leading ${quote(joiner)}.`
        );
      }
      this.#fail(
        `empty clause between ${quote(previous.text)} and ${quote(joiner)} at ${column(start)}`,
        previous.offset,
        start + 2 - previous.offset,
        `Remove one of them or put a clause between them.`
      );
    }
    const key = this.#parseKey();
    this.#skipSpace();
    const spaced = this.#pos > key.span.end;
    if (this.#atClauseEnd()) {
      this.#checkNotAnOperator(key);
      return { type: 'truthy', key, span: key.span };
    }
    const c = this.#code(this.#pos);
    if (OPERATOR_CHARS.includes(this.#text.charAt(this.#pos))) {
      return this.#parseSymbolComparison(key);
    }
    const word = spaced ? this.#wordAt(this.#pos) : undefined;
    if (word !== undefined) return this.#parseWordComparison(key, word);
    this.#unexpectedAfterKey(key, c);
  }

  // ── keys ────────────────────────────────────────────────────────────────────

  #parseKey(): ConditionKey {
    const start = this.#pos;
    const c = this.#code(start);
    if (!isKeyStart(c)) {
      const ch = this.#text.charAt(start);
      if (OPERATOR_CHARS.includes(ch)) {
        const op = this.#operatorRun(start);
        this.#fail(
          `missing key before ${quote(op)} at ${column(start)}`,
          start,
          op.length,
          `Write the key to test first, e.g. outcome${op}success.`
        );
      }
      if (ch === '"' || ch === "'") {
        this.#fail(
          `a clause must start with a key, not a quoted string (${column(start)})`,
          start,
          1,
          'Keys are written without quotes: outcome, preferred_label or context.<name>.'
        );
      }
      this.#fail(
        `unexpected ${quote(ch)} at ${column(start)}; a clause starts with a key such as outcome, preferred_label or context.<name>`,
        start,
        1
      );
    }
    let end = start;
    while (end < this.#text.length && isKeyChar(this.#code(end))) end++;
    this.#pos = end;
    const text = this.#text.slice(start, end);
    const span = { start, end };
    const firstDot = text.indexOf('.');
    const head = firstDot < 0 ? text : text.slice(0, firstDot);
    if (firstDot >= 0 && text.endsWith('.')) {
      const needsPath =
        firstDot === text.length - 1 &&
        (head === 'context' || head === 'ctx' || head === 'internal');
      this.#fail(
        needsPath
          ? `missing path after ${quote(text)} at ${column(end)}`
          : `key ${quote(text)} ends with '.' at ${column(end - 1)}`,
        end - 1,
        1,
        needsPath ? `Name the value to read, e.g. ${text}tests_passed.` : 'Remove the trailing dot.'
      );
    }
    const empty = firstDot < 0 ? -1 : text.indexOf('..', firstDot);
    if (empty >= 0) {
      this.#fail(
        `empty segment in key ${quote(text)} at ${column(start + empty + 1)}`,
        start + empty + 1,
        1,
        'Remove the extra dot.'
      );
    }
    return this.#classifyKey(text, head, firstDot < 0 ? undefined : text.slice(firstDot + 1), span);
  }

  #classifyKey(
    text: string,
    head: string,
    rest: string | undefined,
    span: ConditionSpan
  ): ConditionKey {
    if (rest === undefined) {
      if (text === 'outcome') return { text, path: text, scope: 'outcome', span };
      if (text === 'preferred_label') return { text, path: text, scope: 'preferred_label', span };
      if (head === 'context' || head === 'ctx' || head === 'internal') {
        this.#fail(
          `${quote(text)} at ${column(span.start)} needs a key after it, e.g. ${text}.tests_passed`,
          span.start,
          text.length
        );
      }
      return { text, path: text, scope: 'bare', span };
    }
    if (head === 'context') return { text, path: rest, scope: 'context', span };
    if (head === 'ctx') {
      this.extensions.add('ctx.');
      return { text, path: rest, scope: 'context', span };
    }
    if (head === 'internal') {
      this.extensions.add('internal.');
      return { text, path: text, scope: 'internal', span };
    }
    return { text, path: text, scope: 'bare', span };
  }

  /** A bare single-word key one or two edits from `outcome`/`preferred_label` is probably a typo. */
  #checkNearMiss(key: ConditionKey): void {
    if (key.scope !== 'bare' || key.text.includes('.') || key.text.length < 4) return;
    const suggestion = closestMatch(key.text, RESERVED_KEYS, 2);
    if (suggestion === undefined) return;
    this.warnings.push({
      message: `unknown key ${quote(key.text)} at ${column(key.span.start)}; did you mean ${quote(suggestion)}?`,
      offset: key.span.start,
      length: key.text.length,
      hint: `As written it is read from the context, where nothing may set ${quote(key.text)}. Write ${suggestion}, or context.${key.text} if it really is a context value.`
    });
  }

  #checkOutcomeValue(key: ConditionKey, literal: ConditionLiteral): void {
    if (key.scope !== 'outcome') return;
    if (OUTCOME_VALUES.includes(literal.value.toLowerCase())) return;
    const suggestion = closestMatch(literal.value.toLowerCase(), OUTCOME_VALUES, 2);
    this.warnings.push({
      message: `outcome is never ${JSON.stringify(literal.value)} (${column(literal.span.start)})${suggestion === undefined ? '' : `; did you mean ${quote(suggestion)}?`}`,
      offset: literal.span.start,
      length: literal.span.end - literal.span.start,
      hint: `A node's outcome is one of ${OUTCOME_VALUES.join(', ')}. To route on a handler's own answer, test preferred_label or a context key.`
    });
  }

  // ── operators ───────────────────────────────────────────────────────────────

  #operatorRun(start: number): string {
    let end = start;
    while (end < this.#text.length && OPERATOR_CHARS.includes(this.#text.charAt(end))) end++;
    return this.#text.slice(start, end);
  }

  #parseSymbolComparison(key: ConditionKey): ConditionExpr {
    const opStart = this.#pos;
    const opText = this.#operatorRun(opStart);
    const op = SYMBOL_OPS.get(opText);
    if (op === undefined) this.#unknownSymbolOperator(opText, opStart);
    this.#pos = opStart + opText.length;
    if (opText !== '=' && opText !== '!=') this.extensions.add(opText);
    this.#checkNearMiss(key);
    const opSpan = { start: opStart, end: this.#pos };
    const literal = this.#parseValue(opText, opStart, key, false);
    if (op === '<' || op === '<=' || op === '>' || op === '>=') {
      if (!NUMBER.test(literal.value.trim())) {
        this.#fail(
          `${quote(opText)} compares numbers, but ${JSON.stringify(literal.value)} at ${column(literal.span.start)} is not a number`,
          literal.span.start,
          literal.span.end - literal.span.start,
          `Compare with a number, e.g. ${key.text}${opText}3, or use '=' to compare text.`
        );
      }
    } else {
      this.#checkOutcomeValue(key, literal);
    }
    this.#expectClauseEnd(key, literal, op);
    return {
      type: 'compare',
      key,
      op,
      literal: literal.value,
      quoted: literal.quoted,
      opText,
      opSpan,
      literalSpan: literal.span,
      span: { start: key.span.start, end: literal.span.end }
    };
  }

  #unknownSymbolOperator(opText: string, offset: number): never {
    const advice: Readonly<Record<string, string>> = {
      '=>': "use '>=' for 'greater than or equal'",
      '=<': "use '<=' for 'less than or equal'",
      '===': "use '='",
      '!==': "use '!='",
      '<>': "use '!='",
      '=~': 'use \'matches\' for regular expressions: key matches "^v[0-9]+"',
      '~=': 'use \'matches\' for regular expressions: key matches "^v[0-9]+"',
      '!': "use '!=' to compare, or put '!' before the key to negate a clause",
      '=!': "use '!='"
    };
    this.#fail(
      `unknown operator ${quote(opText)} at ${column(offset)}; use '=' or '!='`,
      offset,
      opText.length,
      advice[opText] ??
        "Tracker also accepts '==', '<', '<=', '>', '>=', contains, startswith, endswith, in and matches."
    );
  }

  #parseWordComparison(key: ConditionKey, word: string): ConditionExpr {
    const start = this.#pos;
    let negated = false;
    let opWord = word;
    let opStart = start;
    if (word === 'not') {
      negated = true;
      this.#pos += 3;
      this.#skipSpace();
      opStart = this.#pos;
      const next = this.#wordAt(this.#pos);
      if (next === undefined || !(WORD_OPS as readonly string[]).includes(next)) {
        this.#fail(
          `expected contains, startswith, endswith, in or matches after 'not' at ${column(opStart)}`,
          opStart,
          Math.max(1, next?.length ?? 1),
          `To negate a comparison, put 'not' before the key: not ${key.text}=value, or use '!='.`
        );
      }
      opWord = next;
    }
    if (!(WORD_OPS as readonly string[]).includes(opWord))
      this.#unknownWordAfterKey(key, word, start);
    const op = opWord as WordOp;
    this.#pos = opStart + op.length;
    const written = negated ? `not ${op}` : op;
    this.extensions.add(written);
    this.#checkNearMiss(key);
    const opSpan = { start, end: this.#pos };
    const afterOp = this.#code(this.#pos);
    if (this.#pos < this.#text.length && !isSpace(afterOp) && afterOp !== 34 /* " */) {
      this.#fail(`expected a space after ${quote(written)} at ${column(this.#pos)}`, this.#pos, 1);
    }
    let expr: ConditionExpr;
    switch (op) {
      case 'in':
        expr = this.#parseInList(key, written, opSpan);
        break;
      case 'matches':
        expr = this.#parseMatches(key, written, opSpan);
        break;
      case 'contains':
      case 'startswith':
      case 'endswith': {
        const literal = this.#parseValue(written, start, key, false);
        this.#expectClauseEnd(key, literal, op);
        expr = {
          type: 'compare',
          key,
          op,
          literal: literal.value,
          quoted: literal.quoted,
          opText: op,
          opSpan,
          literalSpan: literal.span,
          span: { start: key.span.start, end: literal.span.end }
        };
        break;
      }
    }
    return negated ? { type: 'not', item: expr, span: expr.span } : expr;
  }

  #parseInList(key: ConditionKey, written: string, opSpan: ConditionSpan): ConditionExpr {
    const values: ConditionLiteral[] = [];
    let after = { text: written, offset: opSpan.start };
    for (;;) {
      const literal = this.#parseValue(after.text, after.offset, key, true);
      values.push(literal);
      this.#checkOutcomeValue(key, literal);
      const save = this.#pos;
      this.#skipSpace();
      if (this.#code(this.#pos) !== 44 /* , */) {
        this.#pos = save;
        break;
      }
      after = { text: ',', offset: this.#pos };
      this.#pos += 1;
    }
    const last = values[values.length - 1];
    const end = last?.span.end ?? opSpan.end;
    this.#expectClauseEnd(key, last, 'in');
    return { type: 'in', key, values, span: { start: key.span.start, end } };
  }

  #parseMatches(key: ConditionKey, written: string, opSpan: ConditionSpan): ConditionExpr {
    this.#skipSpace();
    const start = this.#pos;
    if (this.#atClauseEnd()) this.#missingValue(written, opSpan.start, key);
    let pattern: string;
    let quoted = false;
    if (this.#code(start) === 34 /* " */) {
      pattern = this.#parseQuoted();
      quoted = true;
    } else {
      let end = start;
      while (
        end < this.#text.length &&
        !isSpace(this.#code(end)) &&
        this.#joinerAt(end) === undefined
      )
        end++;
      pattern = this.#text.slice(start, end);
      this.#pos = end;
    }
    const patternSpan = { start, end: this.#pos };
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.#fail(
        `invalid regular expression ${JSON.stringify(pattern)} at ${column(start)}: ${reason}`,
        start,
        patternSpan.end - start,
        'Patterns use JavaScript regular expression syntax; quote patterns that contain spaces.'
      );
    }
    const literal = { value: pattern, quoted, span: patternSpan };
    this.#expectClauseEnd(key, literal, 'matches');
    return {
      type: 'matches',
      key,
      pattern,
      quoted,
      regex,
      patternSpan,
      span: { start: key.span.start, end: patternSpan.end }
    };
  }

  // ── values ──────────────────────────────────────────────────────────────────

  #parseValue(
    after: string,
    afterOffset: number,
    key: ConditionKey,
    inList: boolean
  ): ConditionLiteral {
    this.#skipSpace();
    const start = this.#pos;
    if (this.#atClauseEnd() || (inList && this.#code(start) === 44)) {
      this.#missingValue(after, afterOffset, key);
    }
    const ch = this.#text.charAt(start);
    if (ch === '"') {
      const value = this.#parseQuoted();
      return { value, quoted: true, span: { start, end: this.#pos } };
    }
    if (ch === "'") {
      this.#fail(
        `single quotes do not delimit values (${column(start)}); use double quotes`,
        start,
        1,
        `Write ${clause(key.text, after === ',' ? 'in' : after, '"value"')}. Inside a DOT attribute, write the quote as \\".`
      );
    }
    let end = start;
    while (
      end < this.#text.length &&
      !isSpace(this.#code(end)) &&
      this.#joinerAt(end) === undefined &&
      !(inList && this.#code(end) === 44)
    ) {
      end++;
    }
    const raw = this.#text.slice(start, end);
    for (let i = 0; i < raw.length; i++) {
      const bad = raw.charAt(i);
      if (isBareChar(bad)) continue;
      const at = start + i;
      if (bad === ',' && !inList) {
        this.#fail(
          `unexpected ',' in value ${quote(raw)} at ${column(at)}`,
          at,
          1,
          `To test several values use 'in': ${key.text} in ${raw}. To compare with text containing a comma, quote it: ${clause(key.text, after, `"${raw}"`)}.`
        );
      }
      if (OPERATOR_CHARS.includes(bad) && i === 0) {
        const op = this.#operatorRun(at);
        this.#fail(
          `unexpected ${quote(op)} at ${column(at)}; expected a value after ${quote(after)}`,
          at,
          op.length,
          `Write one operator and then the value, e.g. ${clause(key.text, after, 'success')}.`
        );
      }
      this.#fail(
        `unexpected ${quote(bad)} in value ${quote(raw)} at ${column(at)}`,
        at,
        1,
        `Put values that contain special characters in double quotes: ${clause(key.text, after === ',' ? 'in' : after, `"${raw}"`)}.`
      );
    }
    this.#pos = end;
    return { value: raw, quoted: false, span: { start, end } };
  }

  /** A double-quoted string. Escapes: `\"`, `\\`, `\n`, `\t`, `\r`; any other backslash is kept as is. */
  #parseQuoted(): string {
    const start = this.#pos;
    let out = '';
    let i = start + 1;
    let chunk = i;
    while (i < this.#text.length) {
      const c = this.#code(i);
      if (c === 34 /* " */) {
        out += this.#text.slice(chunk, i);
        this.#pos = i + 1;
        return out;
      }
      if (c === 92 /* \ */) {
        out += this.#text.slice(chunk, i);
        const next = this.#text.charAt(i + 1);
        if (next === '"' || next === '\\') out += next;
        else if (next === 'n') out += '\n';
        else if (next === 't') out += '\t';
        else if (next === 'r') out += '\r';
        else out += `\\${next}`;
        i += 2;
        chunk = i;
        continue;
      }
      i++;
    }
    this.#fail(
      `unterminated string starting at ${column(start)}`,
      start,
      this.#text.length - start,
      'Add the closing double quote. Inside a DOT attribute each quote in the condition is written \\".'
    );
  }

  #missingValue(after: string, afterOffset: number, key: ConditionKey): never {
    this.#fail(
      `missing value after ${quote(after)} at ${column(afterOffset)}`,
      afterOffset,
      after.length,
      after === ','
        ? 'Remove the trailing comma or add another value.'
        : after === 'in' || after === 'not in'
          ? `List the values, e.g. ${clause(key.text, after, 'success,partial_success')}.`
          : after === 'matches' || after === 'not matches'
            ? `Write the pattern, e.g. ${clause(key.text, after, '"^v[0-9]+$"')}.`
            : `Write the value to compare with, e.g. ${clause(key.text, after, 'success')}; to compare with the empty string write ${clause(key.text, after, '""')}.`
    );
  }

  /** After a complete clause only the end, `&&` or `||` may follow. */
  #expectClauseEnd(key: ConditionKey, literal: ConditionLiteral | undefined, op: string): void {
    const save = this.#pos;
    this.#skipSpace();
    if (this.#atClauseEnd()) return;
    const at = this.#pos;
    const ch = this.#text.charAt(at);
    const word = this.#wordAt(at);
    this.#rejectSingleJoiner(ch, at);
    if (word !== undefined && ['and', 'or'].includes(word.toLowerCase())) {
      const fix = word.toLowerCase() === 'and' ? '&&' : '||';
      this.#fail(
        `use ${quote(fix)} instead of ${quote(word)} at ${column(at)}`,
        at,
        word.length,
        `Clauses are joined with && (and) or || (or).`
      );
    }
    const value = literal === undefined ? '' : literal.value;
    let restEnd = at;
    while (restEnd < this.#text.length && this.#joinerAt(restEnd) === undefined) restEnd++;
    const rest = this.#text.slice(save, restEnd).trimEnd();
    const unexpected = word ?? ch;
    const shown = literal?.quoted === false && op !== 'in' && op !== 'matches';
    this.#fail(
      `unexpected ${quote(unexpected)} after the value ${JSON.stringify(value)} at ${column(at)}`,
      at,
      unexpected.length,
      op === 'in'
        ? `Separate the values of 'in' with commas: ${key.text} in a,b,c.`
        : shown
          ? `Put a value that contains spaces in double quotes (${JSON.stringify(`${value}${rest}`)}), or join clauses with && or ||.`
          : 'Join clauses with && or ||.'
    );
  }

  #unexpectedAfterKey(key: ConditionKey, c: number): never {
    const at = this.#pos;
    const ch = this.#text.charAt(at);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      this.#fail(
        `missing operator between ${quote(key.text)} and the value at ${column(at)}`,
        at,
        1,
        `Write ${key.text}="value" or ${key.text}!="value".`
      );
    }
    this.#rejectSingleJoiner(ch, at);
    this.#fail(
      `unexpected ${quote(ch)} after ${quote(key.text)} at ${column(at)}; expected an operator such as '=' or '!='`,
      at,
      1,
      `Compare with '=' or '!=', e.g. ${key.text}=success.`
    );
  }

  /** A lone `&` or `|` where `&&` or `||` was meant. */
  #rejectSingleJoiner(ch: string, at: number): void {
    if (ch !== '&' && ch !== '|') return;
    const fix = ch === '&' ? '&&' : '||';
    this.#fail(
      `${quote(ch)} at ${column(at)} should be ${quote(fix)}`,
      at,
      1,
      `Join clauses with ${fix}.`
    );
  }

  #unknownWordAfterKey(key: ConditionKey, word: string, at: number): never {
    const lower = word.toLowerCase();
    if (lower === 'and' || lower === 'or') {
      const fix = lower === 'and' ? '&&' : '||';
      this.#fail(
        `use ${quote(fix)} instead of ${quote(word)} at ${column(at)}`,
        at,
        word.length,
        'Clauses are joined with && (and) or || (or).'
      );
    }
    const suggestion = closestMatch(word, [...WORD_OPS, 'not'], 2);
    if (suggestion !== undefined) {
      this.#fail(
        `unknown operator ${quote(word)} at ${column(at)}; did you mean ${quote(suggestion)}?`,
        at,
        word.length
      );
    }
    this.#fail(
      `unexpected ${quote(word)} after ${quote(key.text)} at ${column(at)}; expected an operator such as '=' or '!=', '&&', '||' or the end of the condition`,
      at,
      word.length,
      `Keys cannot contain spaces. Compare with '=' or '!=' (${key.text}=value), or use contains, startswith, endswith, in or matches.`
    );
  }

  // ── scanning ────────────────────────────────────────────────────────────────

  #code(i: number): number {
    return this.#text.charCodeAt(i);
  }

  #skipSpace(): void {
    while (this.#pos < this.#text.length && isSpace(this.#code(this.#pos))) this.#pos++;
  }

  /**
   * A clause that is only an operator keyword (`not`, `contains`, `in` …) is a clause with its key or
   * operand missing, like a bare `!`, not a truthiness test of a key named after the keyword.
   */
  #checkNotAnOperator(key: ConditionKey): void {
    if (key.scope !== 'bare') return;
    const word = key.text;
    if (word === 'not') {
      this.#fail(
        `missing clause after 'not' at ${column(key.span.start)}`,
        key.span.start,
        word.length,
        "Put the clause to negate after 'not', e.g. not outcome=fail. To test a context key named 'not', write context.not."
      );
    }
    if ((WORD_OPS as readonly string[]).includes(word)) {
      this.#fail(
        `${quote(word)} at ${column(key.span.start)} is an operator, but it has no key before it`,
        key.span.start,
        word.length,
        `Write key ${word} value, e.g. context.output ${word} ${word === 'in' ? 'a,b' : 'text'}. To test a context key named '${word}', write context.${word}.`
      );
    }
  }

  #at(token: string): boolean {
    return this.#text.startsWith(token, this.#pos);
  }

  #joinerAt(i: number): string | undefined {
    const c = this.#code(i);
    if (c === 38 && this.#code(i + 1) === 38) return '&&';
    if (c === 124 && this.#code(i + 1) === 124) return '||';
    return undefined;
  }

  #atClauseEnd(): boolean {
    return this.#pos >= this.#text.length || this.#joinerAt(this.#pos) !== undefined;
  }

  /** A run of ASCII letters and underscores starting at `i`, when one starts there. */
  #wordAt(i: number): string | undefined {
    let end = i;
    while (end < this.#text.length && (isLetter(this.#code(end)) || this.#code(end) === 95)) end++;
    if (end === i) return undefined;
    // A word followed directly by key characters is a key, not an operator.
    if (end < this.#text.length && isKeyChar(this.#code(end))) {
      let keyEnd = end;
      while (keyEnd < this.#text.length && isKeyChar(this.#code(keyEnd))) keyEnd++;
      return this.#text.slice(i, keyEnd);
    }
    return this.#text.slice(i, end);
  }

  #fail(message: string, offset: number, length: number, hint?: string): never {
    throw new ConditionSyntaxFailure(
      hint === undefined ? { message, offset, length } : { message, offset, length, hint }
    );
  }
}
