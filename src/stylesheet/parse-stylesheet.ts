/**
 * Parser for the `model_stylesheet` graph attribute (spec §8.2):
 *
 *   Stylesheet   ::= Rule*
 *   Rule         ::= SelectorList '{' ( Declaration ( ';' Declaration )* ';'? )? '}'
 *   SelectorList ::= Selector ( ',' Selector )*            (',' lists are a Tracker extension)
 *   Selector     ::= '*' | ShapeName | '#' NodeId | '.' ClassName
 *   Declaration  ::= Property ':' ( String | BareValue )
 *
 * Whitespace (newlines included) and `/* … *\/` comments may appear between tokens. Parsing never throws;
 * after an error it skips to the next `;` or `}` so one pass reports every problem.
 */
import { SHAPE_TO_TYPE } from '../graph/shapes.js';
import { closestMatch } from '../common/suggest.js';
import type {
  StyleDeclaration,
  StyleProperty,
  StyleRule,
  StyleSelector,
  StyleSpan
} from './style-rule.js';
import { REASONING_EFFORT_VALUES, STYLE_PROPERTIES } from './style-rule.js';

export interface StylesheetError {
  readonly message: string;
  /** 0-based offset into the stylesheet text. */
  readonly offset: number;
  readonly length: number;
  readonly hint?: string;
}

export type ParseStylesheetResult =
  | {
      readonly ok: true;
      readonly rules: readonly StyleRule[];
      /** Legal but suspicious, e.g. a shape selector naming a shape no pipeline node uses. */
      readonly warnings: readonly StylesheetError[];
    }
  | { readonly ok: false; readonly errors: readonly StylesheetError[] };

export const MAX_STYLESHEET_LENGTH = 1_048_576;
const MAX_ERRORS = 20;

/** Graphviz shapes that are not pipeline shapes but are still plausible `shape=` values. */
const OTHER_SHAPES = [
  'rect',
  'rectangle',
  'square',
  'ellipse',
  'oval',
  'circle',
  'doublecircle',
  'point',
  'egg',
  'triangle',
  'plaintext',
  'plain',
  'none',
  'polygon',
  'octagon',
  'doubleoctagon',
  'invtriangle',
  'invtrapezium',
  'trapezium',
  'pentagon',
  'septagon',
  'star',
  'cylinder',
  'note',
  'tab',
  'folder',
  'box3d',
  'cds',
  'Mcircle',
  'record',
  'Mrecord',
  'underline',
  'signature',
  'rarrow',
  'larrow',
  'rpromoter',
  'lpromoter'
];
const PIPELINE_SHAPES = Object.keys(SHAPE_TO_TYPE);
const KNOWN_SHAPES: ReadonlySet<string> = new Set([...PIPELINE_SHAPES, ...OTHER_SHAPES]);

/** Unwinds the parser to `parseStylesheet` (too many errors, or an unterminated comment); never escapes. */
class StopParsing extends Error {
  constructor() {
    super('stop parsing');
    this.name = 'StopParsing';
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Letters, digits, `_`, `-` and any non-ASCII character (node ids may be Unicode). */
function isNameChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95 || c === 45 || c > 127;
}

function quote(text: string): string {
  return `'${text}'`;
}

export function parseStylesheet(text: string): ParseStylesheetResult {
  if (text.length > MAX_STYLESHEET_LENGTH) {
    return {
      ok: false,
      errors: [
        {
          message: `model_stylesheet is ${text.length} characters long; the limit is ${MAX_STYLESHEET_LENGTH}`,
          offset: MAX_STYLESHEET_LENGTH,
          length: text.length - MAX_STYLESHEET_LENGTH
        }
      ]
    };
  }
  const parser = new StylesheetParser(text);
  const rules = parser.parse();
  if (parser.errors.length > 0) return { ok: false, errors: parser.errors };
  return { ok: true, rules, warnings: parser.warnings };
}

class StylesheetParser {
  readonly errors: StylesheetError[] = [];
  readonly warnings: StylesheetError[] = [];
  readonly #text: string;
  #pos = 0;
  /** Start of each line, for "line L, column C" in messages. */
  #lineStarts: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  parse(): StyleRule[] {
    const rules: StyleRule[] = [];
    try {
      for (;;) {
        this.#skipTrivia();
        if (this.#pos >= this.#text.length) break;
        this.#parseRule(rules);
      }
    } catch (e) {
      if (!(e instanceof StopParsing)) throw e;
    }
    return rules;
  }

  // ── rules ───────────────────────────────────────────────────────────────────

  #parseRule(rules: StyleRule[]): void {
    const start = this.#pos;
    const selectors = this.#parseSelectorList();
    if (selectors === undefined) {
      this.#recoverPast('}');
      return;
    }
    const open = this.#pos;
    this.#pos++; // '{'
    const declarations = this.#parseDeclarations(selectors, open);
    const span = { start, end: this.#pos };
    for (const selector of selectors) {
      rules.push({ selector, declarations, order: rules.length, span });
    }
  }

  /** Selectors up to and including the position of `{` (left at `{`), or undefined after an error. */
  #parseSelectorList(): StyleSelector[] | undefined {
    const selectors: StyleSelector[] = [];
    for (;;) {
      const selector = this.#parseSelector();
      if (selector === undefined) return undefined;
      selectors.push(selector);
      this.#checkShape(selector);
      this.#skipTrivia();
      const c = this.#char();
      if (c === ',') {
        this.#pos++;
        this.#skipTrivia();
        continue;
      }
      if (c === '{') return selectors;
      if (this.#pos >= this.#text.length) {
        this.#error(
          `missing '{' after selector ${quote(selector.text)} at ${this.#where(selector.span.end)}`,
          selector.span.start,
          selector.span.end - selector.span.start,
          `Write ${selector.text} { llm_model: claude-sonnet-4-5; }.`
        );
        return undefined;
      }
      const glued = this.#pos === selector.span.end && (c === '.' || c === '#');
      const next = this.#peekToken();
      if ((STYLE_PROPERTIES as readonly string[]).includes(next)) {
        this.#error(
          `missing '{' after selector ${quote(selector.text)} at ${this.#where(selector.span.end)}`,
          this.#pos,
          next.length,
          `Write ${selector.text} { ${next}: value; }.`
        );
        return undefined;
      }
      this.#error(
        glued
          ? `compound selector ${quote(selector.text + next)} at ${this.#where(selector.span.start)} is not supported`
          : `unexpected ${quote(next)} after selector ${quote(selector.text)} at ${this.#where(this.#pos)}`,
        glued ? selector.span.start : this.#pos,
        glued ? selector.text.length + next.length : next.length,
        glued
          ? 'A selector is one of *, a shape, .class or #node_id; give the nodes a class instead.'
          : "A rule has one selector, or several separated by ','; then its declarations in { }."
      );
      return undefined;
    }
  }

  #parseSelector(): StyleSelector | undefined {
    const start = this.#pos;
    const c = this.#char();
    if (c === '*') {
      this.#pos++;
      return { kind: 'universal', text: '*', span: { start, end: this.#pos } };
    }
    if (c === '.' || c === '#') {
      this.#pos++;
      const name = this.#scanName();
      if (name === '') {
        this.#error(
          `missing ${c === '.' ? 'class name' : 'node id'} after ${quote(c)} at ${this.#where(start)}`,
          start,
          1,
          c === '.' ? 'Write a class selector like .code.' : 'Write a node selector like #review.'
        );
        return undefined;
      }
      const span = { start, end: this.#pos };
      const text = this.#text.slice(start, this.#pos);
      return c === '.'
        ? { kind: 'class', className: name, text, span }
        : { kind: 'id', nodeId: name, text, span };
    }
    const code = this.#text.charCodeAt(start);
    if (isLetter(code) || code === 95) {
      const name = this.#scanName();
      return { kind: 'shape', shape: name, text: name, span: { start, end: this.#pos } };
    }
    const token = this.#peekToken();
    this.#error(
      `expected a selector at ${this.#where(start)}, found ${quote(token)}`,
      start,
      token.length,
      c === '{'
        ? 'Put a selector before the {: *, a shape such as box, .class or #node_id.'
        : 'Selectors are *, a shape such as box, .class or #node_id.'
    );
    return undefined;
  }

  #checkShape(selector: StyleSelector): void {
    if (selector.kind !== 'shape' || KNOWN_SHAPES.has(selector.shape)) return;
    const near = closestMatch(selector.shape, PIPELINE_SHAPES, 2);
    this.warnings.push({
      message:
        near === undefined
          ? `selector ${quote(selector.shape)} at ${this.#where(selector.span.start)} matches nodes with shape=${selector.shape}, which is not a pipeline shape`
          : `unknown shape ${quote(selector.shape)} at ${this.#where(selector.span.start)}; did you mean ${quote(near)}?`,
      offset: selector.span.start,
      length: selector.shape.length,
      hint: `For a class write .${selector.shape}; for a node id write #${selector.shape}.`
    });
  }

  // ── declarations ────────────────────────────────────────────────────────────

  /** From after `{` through `}`. */
  #parseDeclarations(selectors: readonly StyleSelector[], open: number): StyleDeclaration[] {
    const declarations: StyleDeclaration[] = [];
    for (;;) {
      this.#skipTrivia();
      const c = this.#char();
      if (this.#pos >= this.#text.length) {
        const first = selectors[0]?.text ?? '';
        this.#error(
          `missing '}' to close the rule for ${quote(first)} opened at ${this.#where(open)}`,
          open,
          1,
          'Add } after the last declaration.'
        );
        return declarations;
      }
      if (c === '}') {
        this.#pos++;
        return declarations;
      }
      if (c === ';') {
        this.#pos++;
        continue;
      }
      if (c === '{') {
        this.#error(
          `unexpected '{' at ${this.#where(this.#pos)}; the previous rule is not closed`,
          this.#pos,
          1,
          `Add } to close the rule opened at ${this.#where(open)}.`
        );
        this.#pos++;
        continue;
      }
      const declaration = this.#parseDeclaration();
      if (declaration === undefined) this.#recoverDeclaration();
      else declarations.push(declaration);
    }
  }

  #parseDeclaration(): StyleDeclaration | undefined {
    const start = this.#pos;
    const code = this.#text.charCodeAt(start);
    if (!(isLetter(code) || code === 95)) {
      const token = this.#peekToken();
      this.#error(
        `expected a property name at ${this.#where(start)}, found ${quote(token)}`,
        start,
        token.length,
        `Declarations look like llm_model: claude-sonnet-4-5; properties are ${STYLE_PROPERTIES.join(', ')}.`
      );
      return undefined;
    }
    const name = this.#scanName();
    const nameSpan = { start, end: this.#pos };
    this.#skipTrivia();
    if (this.#char() !== ':') {
      const found = this.#pos >= this.#text.length ? 'the end' : quote(this.#peekToken());
      this.#error(
        `expected ':' after ${quote(name)} at ${this.#where(this.#pos)}, found ${found}`,
        this.#pos < this.#text.length ? this.#pos : start,
        this.#pos < this.#text.length ? Math.max(1, this.#peekToken().length) : name.length,
        `Write ${name}: value;${this.#char() === '=' ? " (a colon, not '=')" : ''}`
      );
      return undefined;
    }
    const colon = this.#pos;
    this.#pos++;
    this.#skipTrivia();
    const valueStart = this.#pos;
    const c = this.#char();
    if (this.#pos >= this.#text.length || c === ';' || c === '}') {
      this.#error(
        `missing value for ${quote(name)} at ${this.#where(colon)}`,
        colon,
        1,
        `Write ${name}: value; or remove the declaration.`
      );
      return undefined;
    }
    let value: string;
    let quoted = false;
    if (c === '"') {
      const decoded = this.#scanQuoted();
      if (decoded === undefined) return undefined;
      value = decoded;
      quoted = true;
    } else {
      value = this.#scanBareValue();
      if (value === '') {
        const token = this.#peekToken();
        this.#error(
          `unexpected ${quote(token)} in the value of ${quote(name)} at ${this.#where(valueStart)}`,
          valueStart,
          token.length,
          `Put the value in double quotes: ${name}: "…";`
        );
        return undefined;
      }
    }
    const valueSpan = { start: valueStart, end: this.#pos };
    this.#skipTrivia();
    const after = this.#char();
    if (this.#pos < this.#text.length && after !== ';' && after !== '}') {
      const token = this.#peekToken();
      this.#error(
        `unexpected ${quote(token)} after the value of ${quote(name)} at ${this.#where(this.#pos)}`,
        this.#pos,
        token.length,
        token === '{'
          ? 'Close the rule with } before starting the next one.'
          : quoted
            ? 'End the declaration with ;'
            : `End the declaration with ; or, if the value contains spaces, put it in double quotes: ${name}: "${value} ${token}";`
      );
      return undefined;
    }
    const property = this.#checkProperty(name, nameSpan);
    if (property === undefined) return undefined;
    if (property === 'reasoning_effort' && !REASONING_EFFORT_VALUES.includes(value)) {
      const near = closestMatch(value, REASONING_EFFORT_VALUES, 2);
      this.#error(
        `reasoning_effort must be one of ${REASONING_EFFORT_VALUES.join(', ')}; got ${JSON.stringify(value)} at ${this.#where(valueStart)}${near === undefined ? '' : `; did you mean ${quote(near)}?`}`,
        valueStart,
        valueSpan.end - valueStart
      );
      return undefined;
    }
    if (value.trim() === '') {
      this.#error(
        `empty value for ${quote(name)} at ${this.#where(valueStart)}`,
        valueStart,
        valueSpan.end - valueStart,
        'Remove the declaration to leave the property unset.'
      );
      return undefined;
    }
    return { property, value, quoted, span: { start, end: valueSpan.end }, valueSpan };
  }

  #checkProperty(name: string, span: StyleSpan): StyleProperty | undefined {
    const known = STYLE_PROPERTIES.find((p) => p === name);
    if (known !== undefined) return known;
    const near =
      closestMatch(name.replace(/-/g, '_'), STYLE_PROPERTIES, 2) ??
      closestMatch(name, STYLE_PROPERTIES, 2);
    this.#error(
      `unknown property ${quote(name)} at ${this.#where(span.start)}${near === undefined ? '' : `; did you mean ${quote(near)}?`}`,
      span.start,
      span.end - span.start,
      `A stylesheet sets ${STYLE_PROPERTIES.join(', ')}. Set other attributes on the nodes or in node [ … ] defaults.`
    );
    return undefined;
  }

  // ── scanning ────────────────────────────────────────────────────────────────

  #char(): string {
    return this.#text.charAt(this.#pos);
  }

  #scanName(): string {
    const start = this.#pos;
    while (this.#pos < this.#text.length && isNameChar(this.#text.charCodeAt(this.#pos)))
      this.#pos++;
    return this.#text.slice(start, this.#pos);
  }

  /** An unquoted value: everything up to whitespace, `;`, `{`, `}`, a quote or a comment. */
  #scanBareValue(): string {
    const start = this.#pos;
    while (this.#pos < this.#text.length) {
      const c = this.#text.charCodeAt(this.#pos);
      if (isSpace(c) || c === 59 || c === 123 || c === 125 || c === 34 || c === 39) break;
      if (c === 47 && this.#text.charCodeAt(this.#pos + 1) === 42) break;
      this.#pos++;
    }
    return this.#text.slice(start, this.#pos);
  }

  /** A double-quoted value with `\"` and `\\` escapes; undefined (error recorded) when unterminated. */
  #scanQuoted(): string | undefined {
    const start = this.#pos;
    let out = '';
    let i = start + 1;
    while (i < this.#text.length) {
      const ch = this.#text.charAt(i);
      if (ch === '"') {
        this.#pos = i + 1;
        return out;
      }
      if (ch === '\\' && (this.#text.charAt(i + 1) === '"' || this.#text.charAt(i + 1) === '\\')) {
        out += this.#text.charAt(i + 1);
        i += 2;
        continue;
      }
      if (ch === '\n') break;
      out += ch;
      i++;
    }
    this.#error(
      `unterminated string starting at ${this.#where(start)}`,
      start,
      i - start,
      'Close the value with a double quote on the same line.'
    );
    this.#pos = i;
    return undefined;
  }

  /** The next token's text for messages: a name, a quoted string, or one character. */
  #peekToken(): string {
    const start = this.#pos;
    let end = start;
    const c = this.#text.charAt(start);
    if (c === '.' || c === '#') end++;
    while (end < this.#text.length && isNameChar(this.#text.charCodeAt(end))) end++;
    if (end > start) return this.#text.slice(start, end);
    return this.#text.charAt(start);
  }

  #skipTrivia(): void {
    for (;;) {
      while (this.#pos < this.#text.length && isSpace(this.#text.charCodeAt(this.#pos)))
        this.#pos++;
      if (!this.#text.startsWith('/*', this.#pos)) return;
      const close = this.#text.indexOf('*/', this.#pos + 2);
      if (close < 0) {
        this.#error(
          `unterminated comment starting at ${this.#where(this.#pos)}`,
          this.#pos,
          this.#text.length - this.#pos,
          'Close the comment with */.'
        );
        throw new StopParsing();
      }
      this.#pos = close + 2;
    }
  }

  /** After a bad declaration: skip to the next `;` (consumed) or `}` (left for the caller). */
  #recoverDeclaration(): void {
    while (this.#pos < this.#text.length) {
      const c = this.#char();
      if (c === '}') return;
      if (c === ';') {
        this.#pos++;
        return;
      }
      if (c === '"') {
        const end = this.#text.indexOf('"', this.#pos + 1);
        this.#pos = end < 0 ? this.#text.length : end + 1;
        continue;
      }
      this.#pos++;
    }
  }

  #recoverPast(ch: string): void {
    const at = this.#text.indexOf(ch, this.#pos);
    this.#pos = at < 0 ? this.#text.length : at + 1;
  }

  /** `column C` for one-line stylesheets, `line L, column C` otherwise (1-based, within the stylesheet). */
  #where(offset: number): string {
    if (this.#lineStarts === undefined) {
      this.#lineStarts = [0];
      for (let i = 0; i < this.#text.length; i++) {
        if (this.#text.charCodeAt(i) === 10) this.#lineStarts.push(i + 1);
      }
    }
    const starts = this.#lineStarts;
    if (starts.length === 1) return `column ${offset + 1}`;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return `line ${lo + 1}, column ${offset - (starts[lo] ?? 0) + 1}`;
  }

  #error(message: string, offset: number, length: number, hint?: string): void {
    this.errors.push(
      hint === undefined ? { message, offset, length } : { message, offset, length, hint }
    );
    if (this.errors.length >= MAX_ERRORS) throw new StopParsing();
  }
}
