/**
 * DOT text → `DotGraph` (the full Graphviz statement grammar, one graph per file). Pure and bounded: input
 * size, nesting, node, edge, statement and value-length limits protect against hostile files, and errors
 * are collected with recovery so one run reports every independent mistake (up to 20).
 */
import type {
  Attr,
  AssignStmt,
  AttrStmt,
  DotGraph,
  DotId,
  EdgeStmt,
  IdKind,
  NodeRef,
  NodeStmt,
  Position,
  Statement,
  Subgraph
} from './ast.js';
import { DotSyntaxError, sourceExcerpt } from './dot-syntax-error.js';
import type { DotErrorCode, DotSyntaxIssue } from './dot-syntax-error.js';
import { Lexer, describeText } from './lexer.js';
import type { LexIssue, Token } from './lexer.js';

/** Bounds for untrusted input. Every violation is a `DOT_LIMIT` error naming the option to raise. */
export interface DotLimits {
  /** Size of the text in UTF-8 bytes. */
  readonly maxBytes: number;
  /** How deep subgraphs may nest (the graph body itself is depth 0). */
  readonly maxDepth: number;
  /** Distinct node IDs mentioned in node and edge statements. */
  readonly maxNodes: number;
  /** Edges after expanding chains and subgraph operands (`{a b} -> {c d}` is 4). */
  readonly maxEdges: number;
  /** Length of one decoded ID or value, in UTF-16 code units. */
  readonly maxAttrLength: number;
  /** Statements, counting those inside subgraphs. */
  readonly maxStatements: number;
}

export const DEFAULT_DOT_LIMITS: Readonly<DotLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 64,
  maxNodes: 200_000,
  maxEdges: 1_000_000,
  maxAttrLength: 1024 * 1024,
  maxStatements: 2_000_000
});

export interface ParseOptions {
  /** The name used in error locations and `DotGraph.file`. Default `<input>`. */
  readonly file?: string;
  readonly limits?: Partial<DotLimits>;
}

/** Issues collected before giving up. */
const MAX_ISSUES = 20;
/** Longest token text copied into an issue. */
const MAX_TOKEN_TEXT = 100;

/** Control-flow signals; never escape `parseDot`. */
class ParseSignal extends Error {}
/** Skip to a safe point and keep parsing. */
const RECOVER = new ParseSignal('recover');
/** Stop parsing and report what was collected. */
const STOP = new ParseSignal('stop');

const EMPTY_ATTRS: readonly Attr[] = Object.freeze([]);
const ARROW_OPS: readonly ('->' | '--')[] = Object.freeze(['->'] as const);
const DASH_OPS: readonly ('->' | '--')[] = Object.freeze(['--'] as const);

type IdToken = Token & { readonly kind: 'id' | 'number' | 'string' | 'html' };

function isIdToken(token: Token): token is IdToken {
  const k = token.kind;
  return k === 'id' || k === 'number' || k === 'string' || k === 'html';
}

function idKind(token: IdToken): IdKind {
  switch (token.kind) {
    case 'id':
      return 'bare';
    case 'number':
      return 'number';
    case 'string':
      return 'quoted';
    case 'html':
      return 'html';
  }
}

function startOf(token: Token): Position {
  return { line: token.line, column: token.column, offset: token.start };
}

function endOf(token: Token): Position {
  return { line: token.endLine, column: token.endColumn, offset: token.end };
}

function resolveLimits(partial: Partial<DotLimits> | undefined): DotLimits {
  return {
    maxBytes: partial?.maxBytes ?? DEFAULT_DOT_LIMITS.maxBytes,
    maxDepth: partial?.maxDepth ?? DEFAULT_DOT_LIMITS.maxDepth,
    maxNodes: partial?.maxNodes ?? DEFAULT_DOT_LIMITS.maxNodes,
    maxEdges: partial?.maxEdges ?? DEFAULT_DOT_LIMITS.maxEdges,
    maxAttrLength: partial?.maxAttrLength ?? DEFAULT_DOT_LIMITS.maxAttrLength,
    maxStatements: partial?.maxStatements ?? DEFAULT_DOT_LIMITS.maxStatements
  };
}

/** UTF-8 size of `text`. */
function utf8Length(text: string): number {
  let bytes = 0;
  const n = text.length;
  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else {
        bytes += 3;
      }
    } else bytes += 3;
  }
  return bytes;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB (${bytes} bytes)`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
  return `${bytes} bytes`;
}

class Parser {
  private readonly source: string;
  private readonly file: string;
  private readonly limits: DotLimits;
  private readonly lexer: Lexer;
  private readonly issues: DotSyntaxIssue[] = [];
  private readonly seenOffsets = new Set<number>();
  private limitIssue: DotSyntaxIssue | undefined;
  /** Parsing stopped because MAX_ISSUES problems were recorded; there may be more. */
  private capped = false;
  /** A lexer error swallowed the rest of the input: later problems are consequences, not news. */
  private lexFatal = false;
  private readonly nodeIds = new Set<string>();
  private edgeCount = 0;
  private statementCount = 0;
  private depth = 0;
  /** The most recently closed subgraph, to explain where a missing '}' probably belongs. */
  private lastClosed:
    { readonly name: string; readonly open: Token; readonly close: Token } | undefined;
  private tok: Token;
  private prev: Token;
  private ahead: Token | undefined;

  constructor(source: string, file: string, limits: DotLimits) {
    this.source = source;
    this.file = file;
    this.limits = limits;
    this.lexer = new Lexer(source, (issue) => this.onLexIssue(issue), {
      maxAttrLength: limits.maxAttrLength
    });
    // Placeholder until the first token is read (reading it may report issues, which needs the fields above).
    this.tok = {
      kind: 'eof',
      value: '',
      start: 0,
      end: 0,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      dotted: false,
      extended: false
    };
    this.prev = this.tok;
  }

  run(): DotGraph {
    try {
      this.tok = this.lexer.next();
      this.prev = this.tok;
      const graph = this.parseGraph();
      if (this.issues.length === 0) return graph;
    } catch (error) {
      if (!(error instanceof ParseSignal)) this.onUnexpected(error);
    }
    throw this.buildError();
  }

  // ---- token stream -------------------------------------------------------------------------------

  private advance(): void {
    this.prev = this.tok;
    if (this.ahead === undefined) {
      this.tok = this.lexer.next();
    } else {
      this.tok = this.ahead;
      this.ahead = undefined;
    }
  }

  private peek(): Token {
    if (this.ahead === undefined) this.ahead = this.lexer.next();
    return this.ahead;
  }

  private raw(token: Token): string {
    const text = this.source.slice(
      token.start,
      Math.min(token.end, token.start + MAX_TOKEN_TEXT + 1)
    );
    return text.length > MAX_TOKEN_TEXT ? `${text.slice(0, MAX_TOKEN_TEXT)}…` : text;
  }

  /** How a token reads in a message: `end of file`, `keyword 'node'`, `'"x"'`. */
  private describe(token: Token): string {
    switch (token.kind) {
      case 'eof':
        return 'end of file';
      case 'strict':
      case 'graph':
      case 'digraph':
      case 'node':
      case 'edge':
      case 'subgraph':
        return `keyword '${token.value}'`;
      case 'string':
        return `the string ${describeText(this.raw(token))}`;
      case 'id':
      case 'number':
      case 'html':
      case '->':
      case '--':
      case '{':
      case '}':
      case '[':
      case ']':
      case '=':
      case ';':
      case ',':
      case ':':
        return describeText(this.raw(token));
    }
  }

  private makeId(token: IdToken): DotId {
    return {
      value: token.value,
      kind: idKind(token),
      span: { start: startOf(token), end: endOf(token) }
    };
  }

  // ---- issues -------------------------------------------------------------------------------------

  private makeIssue(
    at: { readonly start: number; readonly line: number; readonly column: number },
    token: string,
    message: string,
    hint: string | undefined,
    code: DotErrorCode
  ): DotSyntaxIssue {
    const location = { file: this.file, line: at.line, column: at.column, offset: at.start };
    return {
      message,
      location,
      token,
      ...(hint === undefined ? {} : { hint }),
      code,
      excerpt: sourceExcerpt(this.source, location)
    };
  }

  private record(issue: DotSyntaxIssue): void {
    if (this.seenOffsets.has(issue.location.offset)) return;
    this.seenOffsets.add(issue.location.offset);
    this.issues.push(issue);
    if (this.issues.length >= MAX_ISSUES) {
      this.capped = true;
      throw STOP;
    }
  }

  /** A `DOT_SYNTAX` issue at `token` (its text, or '' at end of file). */
  private syntaxIssue(token: Token, message: string, hint: string | undefined): DotSyntaxIssue {
    const text = token.kind === 'eof' ? '' : this.raw(token);
    return this.makeIssue(token, text, message, hint, 'DOT_SYNTAX');
  }

  /** Records a problem at `token` and carries on (the token is still usable). */
  private note(token: Token, message: string, hint: string): void {
    if (this.lexFatal) return;
    this.record(this.syntaxIssue(token, message, hint));
  }

  /** Records a problem at `token` and abandons the current statement. */
  private fail(token: Token, message: string, hint?: string): never {
    if (this.lexFatal) throw STOP;
    this.record(this.syntaxIssue(token, message, hint));
    throw RECOVER;
  }

  /** Records a problem after which nothing sensible can follow, and stops. */
  private stop(token: Token, message: string, hint?: string): never {
    if (!this.lexFatal) this.record(this.syntaxIssue(token, message, hint));
    throw STOP;
  }

  private limit(token: Token, message: string, option: keyof DotLimits, advice: string): never {
    this.stopAtLimit(token, this.raw(token), message, option, advice);
  }

  /** Stops with a `DOT_LIMIT` issue whose hint names the option to raise. */
  private stopAtLimit(
    at: { readonly start: number; readonly line: number; readonly column: number },
    token: string,
    message: string,
    option: keyof DotLimits,
    advice: string
  ): never {
    this.limitIssue = this.makeIssue(
      at,
      token,
      message,
      `${advice}, or ${raiseLimitHint(option, this.limits[option], this.limits[option] * 2)}`,
      'DOT_LIMIT'
    );
    throw STOP;
  }

  private onLexIssue(issue: LexIssue): void {
    const at = { start: issue.offset, line: issue.line, column: issue.column };
    if (issue.kind === 'limit') {
      this.stopAtLimit(at, issue.token, issue.message, 'maxAttrLength', 'shorten the value');
    }
    if (this.lexFatal) return;
    if (issue.fatal) this.lexFatal = true;
    this.record(this.makeIssue(at, issue.token, issue.message, issue.hint, 'DOT_SYNTAX'));
  }

  private onUnexpected(error: unknown): void {
    const token = this.tok;
    if (error instanceof RangeError) {
      this.limitIssue = this.makeIssue(
        token,
        this.raw(token),
        'the input is nested too deeply (or is too large) for the parser',
        'reduce the subgraph nesting, or lower limits.maxDepth so such input is rejected early',
        'DOT_LIMIT'
      );
      return;
    }
    const detail = error instanceof Error ? error.message : String(error);
    // Pushed directly: `record` may throw STOP, and we are already unwinding.
    this.issues.push(
      this.makeIssue(
        token,
        this.raw(token),
        `internal parser error near ${this.describe(token)}: ${detail}`,
        'this is a bug in tracker; please report it with the input that triggers it',
        'DOT_SYNTAX'
      )
    );
  }

  private buildError(): DotSyntaxError {
    const sorted = [...this.issues].sort((a, b) => a.location.offset - b.location.offset);
    const all = this.limitIssue === undefined ? sorted : [this.limitIssue, ...sorted];
    const [first, ...rest] = all;
    if (first === undefined) {
      // Unreachable: we only get here after recording an issue. Keep the contract anyway.
      return new DotSyntaxError([
        this.makeIssue(this.tok, '', 'invalid DOT input', undefined, 'DOT_SYNTAX')
      ]);
    }
    return new DotSyntaxError([first, ...rest], { truncated: this.capped });
  }

  // ---- graph --------------------------------------------------------------------------------------

  private parseGraph(): DotGraph {
    const first = this.tok;
    let strict = false;
    if (this.tok.kind === 'strict') {
      strict = true;
      this.advance();
    }
    const keyword = this.tok;
    if (keyword.kind !== 'graph' && keyword.kind !== 'digraph') {
      if (keyword.kind === 'eof' && !strict) {
        this.stop(
          keyword,
          'the input is empty: expected a graph such as digraph G { ... }',
          'a pipeline file holds exactly one graph: digraph Name { ... }'
        );
      }
      this.stop(
        keyword,
        `expected 'digraph' to start the graph, found ${this.describe(keyword)}`,
        'a pipeline file holds exactly one graph: digraph Name { ... }'
      );
    }
    const directed = keyword.kind === 'digraph';
    this.advance();
    const idToken = this.tok;
    const id = this.parseName('graph name');
    const open = this.tok;
    if (open.kind !== '{') {
      const named = id === undefined ? keyword.value : `${keyword.value} ${this.raw(idToken)}`;
      const hint =
        id !== undefined && isIdToken(open)
          ? `a graph name with spaces must be quoted: ${keyword.value} "${this.raw(idToken)} ${this.raw(open)}" { ... }`
          : `write the graph as: ${keyword.value} Name { ... }`;
      this.stop(
        open,
        `expected '{' to open the body of ${named}, found ${this.describe(open)}`,
        hint
      );
    }
    this.advance();
    const body = this.parseBody(open, 'graph body');
    const close = this.tok;
    this.advance();
    this.checkTrailing(close);
    return {
      type: 'graph',
      strict,
      directed,
      ...(id === undefined ? {} : { id }),
      body,
      span: { start: startOf(first), end: endOf(close) },
      file: this.file
    };
  }

  private checkTrailing(close: Token): void {
    const t = this.tok;
    if (t.kind === 'eof') return;
    const closedAt = `${close.line}:${close.column}`;
    if (t.kind === 'strict' || t.kind === 'graph' || t.kind === 'digraph') {
      this.stop(
        t,
        `only one graph per file: a second graph starts here, after the first one closed at ${closedAt}`,
        'put each graph in its own file, or group statements inside one graph with subgraph name { ... }'
      );
    }
    if (t.kind === '}') {
      this.stop(
        t,
        `unexpected '}' after the end of the graph (closed at ${closedAt}): the braces are unbalanced`,
        "remove the extra '}', or find the '{' it was meant to close"
      );
    }
    this.stop(
      t,
      `unexpected ${this.describe(t)} after the end of the graph (closed at ${closedAt}); only one graph per file`,
      "move it inside the graph's braces, or remove it"
    );
  }

  /** Statements up to (not including) the `}` matching `open`. */
  private parseBody(open: Token, what: string): Statement[] {
    const body: Statement[] = [];
    for (;;) {
      const t = this.tok;
      if (t.kind === '}') return body;
      if (t.kind === 'eof') {
        const last = this.lastClosed;
        const hint =
          last !== undefined && last.open.start > open.start
            ? `add the missing '}'. Note: the '}' at ${last.close.line}:${last.close.column} closes ${last.name} (opened at ${last.open.line}:${last.open.column}); if it was meant to close the ${what}, that subgraph is the one missing its '}'`
            : "add the missing '}'; every '{' needs a matching '}'";
        this.stop(
          t,
          `expected '}' to close the ${what} opened at ${open.line}:${open.column}, found end of file`,
          hint
        );
      }
      if (t.kind === ';') {
        this.advance();
        continue;
      }
      try {
        body.push(this.parseStatement());
      } catch (error) {
        if (error !== RECOVER) throw error;
        this.resync();
        if (this.tok === t) this.advance();
      }
    }
  }

  /**
   * After an error: skip to just past the next `;` or `]` at this level, to the `}` that closes the
   * enclosing body, or to a token that begins a line and can begin a statement.
   */
  private resync(): void {
    let brackets = 0;
    let braces = 0;
    for (;;) {
      const t = this.tok;
      switch (t.kind) {
        case 'eof':
          return;
        case ';':
          this.advance();
          if (brackets === 0 && braces === 0) return;
          break;
        case '[':
          brackets += 1;
          this.advance();
          break;
        case ']':
          this.advance();
          // The end of the list the error was in; skip any further lists of the same statement.
          if (brackets === 0 && braces === 0 && this.tok.kind !== '[') return;
          if (brackets > 0) brackets -= 1;
          break;
        case '{':
          braces += 1;
          this.advance();
          break;
        case '}':
          if (braces === 0) return;
          braces -= 1;
          this.advance();
          break;
        case 'id':
        case 'number':
        case 'string':
        case 'html':
        case 'graph':
        case 'node':
        case 'edge':
        case 'subgraph':
          if (brackets === 0 && braces === 0 && t.line > this.prev.endLine) return;
          this.advance();
          break;
        case '->':
        case '--':
        case '=':
        case ',':
        case ':':
        case 'strict':
        case 'digraph':
          this.advance();
          break;
      }
    }
  }

  // ---- statements ---------------------------------------------------------------------------------

  private parseStatement(): Statement {
    const t = this.tok;
    this.statementCount += 1;
    if (this.statementCount > this.limits.maxStatements) {
      this.limit(
        t,
        `the graph has more than ${this.limits.maxStatements} statements`,
        'maxStatements',
        'split the pipeline'
      );
    }
    switch (t.kind) {
      case 'graph':
      case 'node':
      case 'edge':
        return this.parseAttrStmt();
      case 'subgraph':
      case '{': {
        const subgraph = this.parseSubgraph();
        const next = this.tok.kind;
        return next === '->' || next === '--' ? this.parseEdge(subgraph) : subgraph;
      }
      case 'id':
      case 'number':
      case 'string':
      case 'html': {
        if (this.peek().kind === '=') return this.parseAssign();
        const ref = this.parseNodeRef();
        const next = this.tok.kind;
        if (next === '->' || next === '--') return this.parseEdge(ref);
        const hasAttrs = next === '[';
        const attrs = hasAttrs ? this.parseAttrLists() : EMPTY_ATTRS;
        const stmt: NodeStmt = {
          type: 'node',
          ref,
          attrs,
          span: { start: ref.span.start, end: hasAttrs ? endOf(this.prev) : ref.span.end }
        };
        return stmt;
      }
      case 'strict':
      case 'digraph':
        return this.fail(
          t,
          `unexpected keyword '${t.value}' inside the graph body`,
          `only one graph per file: group statements with subgraph name { ... }; to use '${t.value}' as a node ID, quote it ("${t.value}")`
        );
      case ']':
        return this.fail(
          t,
          "unexpected ']' with no '[' open",
          "remove it, or add the '[' that should open the attribute list"
        );
      case '=':
        return this.fail(
          t,
          "unexpected '=': an assignment needs a name before '='",
          'write name=value, e.g. rankdir=LR'
        );
      case '->':
      case '--':
        return this.fail(t, `edge '${t.kind}' has no node before it`, 'write an edge as a -> b');
      case ':':
        return this.fail(t, "unexpected ':'", 'a port is written right after a node ID: a:port');
      case ',':
        return this.fail(
          t,
          "unexpected ','",
          "',' separates attributes inside [ ... ]; separate statements with ';' or a new line"
        );
      case '[':
        return this.fail(
          t,
          "unexpected '[': an attribute list needs a node, an edge, or graph/node/edge before it",
          'write a [label="A"], a -> b [label="x"], or node [shape=box]'
        );
      case ';':
      case '}':
      case 'eof':
        return this.fail(t, `unexpected ${this.describe(t)}`);
    }
  }

  private parseAttrStmt(): AttrStmt {
    const keyword = this.tok;
    this.advance();
    if (this.tok.kind !== '[') {
      this.fail(
        keyword,
        `'${keyword.value}' is a keyword and cannot be used as a node ID`,
        `quote it ("${keyword.value}") to use it as a name, or follow it with [ ... ] to set ${keyword.kind} attributes`
      );
    }
    const attrs = this.parseAttrLists();
    const target = keyword.kind === 'graph' ? 'graph' : keyword.kind === 'node' ? 'node' : 'edge';
    return {
      type: 'attr_stmt',
      target,
      attrs,
      span: { start: startOf(keyword), end: endOf(this.prev) }
    };
  }

  private parseAssign(): AssignStmt {
    const attr = this.parseAttr(this.tok as IdToken);
    return { type: 'assign', attr, span: attr.span };
  }

  /** `key = value`, where `keyToken` is the current token and '=' the next one. */
  private parseAttr(keyToken: IdToken): Attr {
    const key = this.makeId(keyToken);
    this.advance(); // key
    this.advance(); // =
    const value = this.parseValue(keyToken);
    return { key, value, span: { start: key.span.start, end: value.span.end } };
  }

  private parseValue(keyToken: Token): DotId {
    const t = this.tok;
    if (isIdToken(t)) {
      this.advance();
      return this.makeId(t);
    }
    const key = this.raw(keyToken);
    return this.fail(
      t,
      `expected a value after '${key}=', found ${this.describe(t)}`,
      `write ${key}="..." (use "" for an empty value)`
    );
  }

  /** The graph's or a subgraph's optional name, if the current token is an ID. */
  private parseName(what: string): DotId | undefined {
    const t = this.tok;
    if (!isIdToken(t)) return undefined;
    this.checkBareName(t, what);
    const id = this.makeId(t);
    this.advance();
    return id;
  }

  /** A bare ID with '.' (or value-only characters) is not a valid node, graph or subgraph name. */
  private checkBareName(t: IdToken, what: string): void {
    if (t.kind === 'id' && (t.dotted || t.extended)) {
      const raw = this.raw(t);
      const bad = /[^A-Za-z0-9_\u0080-\uFFFF]/.exec(raw)?.[0] ?? '.';
      this.note(
        t,
        `${what} '${raw}' contains '${bad}', which is not allowed in a bare ID`,
        `quote it ("${raw}"), or use only letters, digits and '_'`
      );
    }
  }

  private noteNode(t: Token, id: string): void {
    const ids = this.nodeIds;
    const size = ids.size;
    ids.add(id);
    if (ids.size !== size && ids.size > this.limits.maxNodes) {
      this.limit(
        t,
        `the graph has more than ${this.limits.maxNodes} distinct nodes`,
        'maxNodes',
        'split the pipeline'
      );
    }
  }

  private parseNodeRef(): NodeRef {
    const t = this.tok as IdToken;
    this.checkBareName(t, 'node ID');
    const id = this.makeId(t);
    this.noteNode(t, t.value);
    this.advance();
    if (this.tok.kind !== ':') return { type: 'node_ref', id, span: id.span };
    this.advance();
    let port = this.expectPortPart(t).value;
    if (this.tok.kind === ':') {
      this.advance();
      port += `:${this.expectPortPart(t).value}`;
    }
    return { type: 'node_ref', id, port, span: { start: id.span.start, end: endOf(this.prev) } };
  }

  private expectPortPart(node: Token): Token {
    const t = this.tok;
    if (!isIdToken(t)) {
      this.fail(
        t,
        `expected a port name after '${this.raw(node)}:', found ${this.describe(t)}`,
        "write a port as node:port, or remove the ':'"
      );
    }
    this.advance();
    return t;
  }

  private parseEdge(first: NodeRef | Subgraph): EdgeStmt {
    const operands: (NodeRef | Subgraph)[] = [first];
    const ops: ('->' | '--')[] = [];
    for (;;) {
      const op = this.tok;
      if (op.kind !== '->' && op.kind !== '--') break;
      ops.push(op.kind);
      this.advance();
      const t = this.tok;
      switch (t.kind) {
        case 'id':
        case 'number':
        case 'string':
        case 'html':
          operands.push(this.parseNodeRef());
          break;
        case 'subgraph':
        case '{':
          operands.push(this.parseSubgraph());
          break;
        case 'graph':
        case 'node':
        case 'edge':
        case 'strict':
        case 'digraph':
          this.fail(
            t,
            `'${t.value}' is a keyword and cannot be used as a node ID`,
            `quote it ("${t.value}") to use it as a node name`
          );
          break;
        case '->':
        case '--':
        case '}':
        case '[':
        case ']':
        case '=':
        case ';':
        case ',':
        case ':':
        case 'eof':
          this.fail(
            t,
            `expected a node ID or subgraph after '${op.kind}', found ${this.describe(t)}`,
            `an edge needs a target: a ${op.kind} b`
          );
      }
    }
    const hasAttrs = this.tok.kind === '[';
    const attrs = hasAttrs ? this.parseAttrLists() : EMPTY_ATTRS;
    this.countEdges(operands);
    const last = operands[operands.length - 1] ?? first;
    // Exact-length copies (a pushed-to array keeps spare capacity, which adds up over 100k edges), and
    // shared frozen arrays for the common single operator.
    return {
      type: 'edge',
      operands: operands.slice(),
      ops: ops.length === 1 ? (ops[0] === '->' ? ARROW_OPS : DASH_OPS) : ops.slice(),
      attrs,
      span: { start: first.span.start, end: hasAttrs ? endOf(this.prev) : last.span.end }
    };
  }

  private countEdges(operands: readonly (NodeRef | Subgraph)[]): void {
    let left = operandSize(operands[0]);
    let edges = 0;
    for (let i = 1; i < operands.length; i += 1) {
      const right = operandSize(operands[i]);
      edges += left * right;
      left = right;
    }
    this.edgeCount += edges;
    if (this.edgeCount > this.limits.maxEdges) {
      const at = operands[0]?.span.start ?? startOf(this.tok);
      this.stopAtLimit(
        { start: at.offset, line: at.line, column: at.column },
        this.source.slice(at.offset, at.offset + 1),
        `the graph has more than ${this.limits.maxEdges} edges (after expanding chains and subgraphs)`,
        'maxEdges',
        'split the pipeline'
      );
    }
  }

  private parseAttrLists(): readonly Attr[] {
    const attrs: Attr[] = [];
    while (this.tok.kind === '[') this.parseAttrList(attrs);
    // An exact-length copy: pushed-to arrays keep spare capacity, which adds up over 100k statements.
    return attrs.length === 0 ? EMPTY_ATTRS : attrs.slice();
  }

  private parseAttrList(attrs: Attr[]): void {
    const open = this.tok;
    this.advance();
    const closeHint = "add ']' after the last attribute";
    /** The attribute just parsed, until a ',' or ';' separates it from what follows. */
    let last: Attr | undefined;
    for (;;) {
      const t = this.tok;
      switch (t.kind) {
        case ']':
          this.advance();
          return;
        case ',':
        case ';':
          last = undefined;
          this.advance();
          break;
        case 'id':
        case 'number':
        case 'string':
        case 'html': {
          const next = this.peek();
          // `a=x b=y` is valid DOT (the separator is optional), so an ID before '=' starts an attribute.
          if (next.kind === '=') {
            last = this.parseAttr(t as IdToken);
            attrs.push(last);
            break;
          }
          if (t.line > this.prev.endLine) this.fail(t, this.unclosedList(open, t), closeHint);
          const continued = this.continuesBareValue(last, t) ? last : undefined;
          // `label=Hello World]`: one value with a space. `shape=box color red`: more likely a missing '='.
          if (continued !== undefined && !isIdToken(next)) this.failUnquotedValue(continued, t);
          const name = this.raw(t);
          this.fail(
            next,
            `expected '=' after attribute name '${name}', found ${this.describe(next)}`,
            `attributes are written name=value, e.g. ${name}="..."` +
              (continued === undefined
                ? ''
                : `; if it is all one value, quote it: ${this.quotedValue(continued, t)}`)
          );
          break;
        }
        case 'eof':
          this.stop(t, this.unclosedList(open, t), closeHint);
          break;
        case 'strict':
        case 'graph':
        case 'digraph':
        case 'node':
        case 'edge':
        case 'subgraph':
          if (t.line === this.prev.endLine && this.peek().kind === '=') {
            this.fail(
              t,
              `'${t.value}' is a keyword and cannot be an attribute name`,
              `quote it: "${t.value}"=...`
            );
          }
          this.fail(t, this.unclosedList(open, t), closeHint);
          break;
        case '=':
          if (last !== undefined && this.continuesBareValue(last, t))
            this.failUnquotedValue(last, t);
          this.fail(t, "missing attribute name before '='", 'attributes are written name=value');
          break;
        case '->':
        case '--':
        case '{':
        case '}':
        case '[':
        case ':':
          this.fail(t, this.unclosedList(open, t), closeHint);
      }
    }
  }

  /**
   * True when `t` follows the unquoted value of `last` on the same line with no ',' or ';' between: the
   * author meant one value with spaces or '=' in it (`label=Hello World`, `condition=outcome=success`).
   */
  private continuesBareValue(last: Attr | undefined, t: Token): last is Attr {
    if (last === undefined) return false;
    const kind = last.value.kind;
    if (kind !== 'bare' && kind !== 'number') return false;
    return (
      t.line === this.prev.endLine && (t.kind === '=' || t.kind === 'id' || t.kind === 'number')
    );
  }

  /** `key="the value as meant"`: from `last`'s value up to the next ',', ';', ']' or the end of the line. */
  private quotedValue(last: Attr, t: Token): string {
    const src = this.source;
    let to = t.start;
    while (to < src.length && !',;]\n'.includes(src.charAt(to))) to += 1;
    const meant = src.slice(last.value.span.start.offset, to).trimEnd();
    return `${last.key.value}=${JSON.stringify(meant)}`;
  }

  /** Reports an unquoted value that runs on past its end, with the quoted value as the fix. */
  private failUnquotedValue(last: Attr, t: Token): never {
    const what = t.kind === '=' ? "contains '='" : 'contains a space';
    this.fail(
      t,
      `the unquoted value of '${last.key.value}' ${what}, so it ends at '${last.value.value}'`,
      `quote the whole value: ${this.quotedValue(last, t)}`
    );
  }

  private unclosedList(open: Token, found: Token): string {
    return `expected ']' to close the attribute list opened at ${open.line}:${open.column}, found ${this.describe(found)}`;
  }

  private parseSubgraph(): Subgraph {
    const first = this.tok;
    let id: DotId | undefined;
    if (first.kind === 'subgraph') {
      this.advance();
      const idToken = this.tok;
      id = this.parseName('subgraph name');
      if (this.tok.kind !== '{') {
        const named = id === undefined ? 'subgraph' : `subgraph ${this.raw(idToken)}`;
        this.fail(
          this.tok,
          `expected '{' to open the body of ${named}, found ${this.describe(this.tok)}`,
          'write a subgraph as: subgraph name { ... }'
        );
      }
    }
    const open = this.tok;
    if (this.depth >= this.limits.maxDepth) {
      this.limit(
        open,
        `subgraphs are nested more than ${this.limits.maxDepth} deep`,
        'maxDepth',
        'flatten the nesting'
      );
    }
    this.depth += 1;
    this.advance();
    const body = this.parseBody(open, id === undefined ? 'subgraph' : `subgraph '${id.value}'`);
    const close = this.tok;
    this.advance();
    this.depth -= 1;
    this.lastClosed = {
      name: id === undefined ? 'an anonymous subgraph' : `subgraph '${id.value}'`,
      open,
      close
    };
    return {
      type: 'subgraph',
      ...(id === undefined ? {} : { id }),
      body,
      span: { start: startOf(first), end: endOf(close) }
    };
  }
}

/** Distinct node IDs in an edge operand (a subgraph counts every node mentioned inside it). */
function operandSize(operand: NodeRef | Subgraph | undefined): number {
  if (operand === undefined) return 0;
  if (operand.type === 'node_ref') return 1;
  const ids = new Set<string>();
  collectNodeIds(operand.body, ids);
  return ids.size;
}

function collectNodeIds(body: readonly Statement[], ids: Set<string>): void {
  for (const stmt of body) {
    switch (stmt.type) {
      case 'node':
        ids.add(stmt.ref.id.value);
        break;
      case 'edge':
        for (const operand of stmt.operands) {
          if (operand.type === 'node_ref') ids.add(operand.id.value);
          else collectNodeIds(operand.body, ids);
        }
        break;
      case 'subgraph':
        collectNodeIds(stmt.body, ids);
        break;
      case 'attr_stmt':
      case 'assign':
        break;
    }
  }
}

/**
 * How to raise a limit, for CLI users (`tracker validate|run --limit name=N`) and library callers
 * (`parseDot(text, { limits })`), suggesting `suggested` as the new value.
 */
export function raiseLimitHint(option: keyof DotLimits, now: number, suggested: number): string {
  return (
    `if this input is trusted, raise the ${option} limit (now ${now}, default ${DEFAULT_DOT_LIMITS[option]}): ` +
    `tracker --limit ${option}=${suggested}, or parseDot(text, { limits: { ${option}: ${suggested} } }) in the library`
  );
}

/**
 * Parses one DOT graph. Throws `DotSyntaxError` (code `DOT_SYNTAX`, or `DOT_LIMIT` when a `DotLimits` bound
 * is exceeded) carrying every independent problem found; never throws anything else.
 */
export function parseDot(source: string, options: ParseOptions = {}): DotGraph {
  const file = options.file ?? '<input>';
  const limits = resolveLimits(options.limits);
  // Each UTF-16 code unit is at most 3 UTF-8 bytes, so short inputs skip the exact count.
  if (source.length * 3 > limits.maxBytes) {
    const bytes = utf8Length(source);
    if (bytes > limits.maxBytes) {
      const location = { file, line: 1, column: 1, offset: 0 };
      throw new DotSyntaxError([
        {
          message: `input is ${formatBytes(bytes)}, over the limit of ${formatBytes(limits.maxBytes)}`,
          location,
          token: '',
          hint: raiseLimitHint('maxBytes', limits.maxBytes, bytes),
          code: 'DOT_LIMIT',
          excerpt: sourceExcerpt(source, location)
        }
      ]);
    }
  }
  return new Parser(source, file, limits).run();
}
