/**
 * A canonical DOT printer. `parseDot(printDot(ast))` gives back the same AST (ignoring spans) for every AST
 * the parser can produce from valid Graphviz-style DOT. IDs keep how they were written when that is safe
 * (`bare`, `number`, `html`, `quoted`); anything else is printed quoted, so tracker-only bare values such
 * as `summary:high` come back as the quoted string "summary:high" (same text, `kind: 'quoted'`).
 */
import type { DotGraph, DotId, IdKind, NodeRef, Statement, Subgraph } from './ast.js';
import { isIdPart, isIdStart, keywordOf } from './lexer.js';

/** An attribute value to print: text plus, optionally, how it should be written. */
export interface PrintableAttrValue {
  readonly value: string;
  readonly kind?: IdKind;
}

/** Attribute maps print in iteration order. Plain strings print bare when safe, else quoted. */
export type PrintableAttrs = ReadonlyMap<string, PrintableAttrValue | string>;

export interface PrintableNode {
  readonly id: string;
  readonly attrs?: PrintableAttrs;
}

export interface PrintableEdge {
  readonly from: string;
  readonly to: string;
  readonly attrs?: PrintableAttrs;
}

/**
 * A flat graph: graph attributes, nodes, edges. `Graph` from src/graph/graph.ts fits this shape, so a built
 * graph can be printed directly (every attribute is printed explicitly, defaults included).
 */
export interface PrintableGraph {
  readonly name?: string;
  readonly strict?: boolean;
  /** Default true (`digraph`, `->`). */
  readonly directed?: boolean;
  readonly attrs?: PrintableAttrs;
  /** An array or a `Map` (its values are printed). */
  readonly nodes: { values(): Iterable<PrintableNode> };
  readonly edges: Iterable<PrintableEdge>;
}

type Role = 'name' | 'key' | 'value';

const INDENT = '  ';

/** `[A-Za-z_\u0080-][A-Za-z0-9_\u0080-]*` and not a keyword (any case). */
function isSafeBareId(text: string): boolean {
  if (text.length === 0 || !isIdStart(text.charCodeAt(0))) return false;
  for (let i = 1; i < text.length; i += 1) {
    if (!isIdPart(text.charCodeAt(i))) return false;
  }
  return keywordOf(text) === undefined;
}

/** An attribute key such as `tool_hooks.pre`: ID characters in parts joined by single dots. */
function isSafeQualifiedKey(text: string): boolean {
  if (text.indexOf('.') < 0) return isSafeBareId(text);
  if (!isIdStart(text.charCodeAt(0))) return false;
  let previousDot = false;
  for (let i = 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (previousDot) return false;
      previousDot = true;
    } else if (isIdPart(c)) {
      previousDot = false;
    } else {
      return false;
    }
  }
  return !previousDot;
}

const NUMERAL = /^-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)$/;

/** True when the angle brackets in `text` balance, so `<text>` lexes back as one HTML string. */
function isBalancedHtml(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 60) depth += 1;
    else if (c === 62) {
      depth -= 1;
      if (depth < 0) return false;
    }
  }
  return depth === 0;
}

/**
 * Escapes for a quoted string. A backslash is doubled only where the parser would otherwise read an escape
 * (before `"`, `n`, `t`, `\`, a line break, or at the end), so Graphviz escapes like `\l` print unchanged.
 */
function escapeQuoted(text: string): string {
  let out = '';
  let segment = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    let replacement: string | undefined;
    switch (c) {
      case 34:
        replacement = '\\"';
        break;
      case 10:
        replacement = '\\n';
        break;
      case 9:
        replacement = '\\t';
        break;
      case 92: {
        const n = text.charCodeAt(i + 1);
        if (
          Number.isNaN(n) ||
          n === 34 ||
          n === 110 ||
          n === 116 ||
          n === 92 ||
          n === 9 ||
          n === 10 ||
          n === 13
        ) {
          replacement = '\\\\';
        }
        break;
      }
      default:
        break;
    }
    if (replacement !== undefined) {
      out += text.slice(segment, i) + replacement;
      segment = i + 1;
    }
  }
  return `"${out}${text.slice(segment)}"`;
}

/** `text` as a DOT ID: bare when it is a safe bare ID that is not a keyword, otherwise quoted and escaped. */
export function quoteDotId(text: string): string {
  return isSafeBareId(text) ? text : escapeQuoted(text);
}

function printId(id: PrintableAttrValue | string, role: Role): string {
  if (typeof id === 'string') {
    if (role === 'key' ? isSafeQualifiedKey(id) : isSafeBareId(id)) return id;
    if (role === 'value' && NUMERAL.test(id)) return id;
    return escapeQuoted(id);
  }
  const { value, kind } = id;
  switch (kind) {
    case 'bare':
      if (role === 'key' ? isSafeQualifiedKey(value) : isSafeBareId(value)) return value;
      return escapeQuoted(value);
    case 'number':
      return NUMERAL.test(value) ? value : escapeQuoted(value);
    case 'html':
      return isBalancedHtml(value) ? `<${value}>` : escapeQuoted(value);
    case 'quoted':
      return escapeQuoted(value);
    case undefined:
      return printId(value, role);
  }
}

function printAttrList(attrs: readonly { readonly key: DotId; readonly value: DotId }[]): string {
  return attrs
    .map((attr) => `${printId(attr.key, 'key')}=${printId(attr.value, 'value')}`)
    .join(', ');
}

function printRef(ref: NodeRef): string {
  let text = printId(ref.id, 'name');
  if (ref.port !== undefined) {
    for (const part of ref.port.split(':')) text += `:${quoteDotId(part)}`;
  }
  return text;
}

function printSubgraph(subgraph: Subgraph, indent: string): string {
  const head =
    subgraph.id === undefined ? 'subgraph {' : `subgraph ${printId(subgraph.id, 'name')} {`;
  return `${head}\n${printBody(subgraph.body, indent + INDENT)}${indent}}`;
}

function printStatement(stmt: Statement, indent: string): string {
  switch (stmt.type) {
    case 'node':
      return stmt.attrs.length === 0
        ? printRef(stmt.ref)
        : `${printRef(stmt.ref)} [${printAttrList(stmt.attrs)}]`;
    case 'edge': {
      let text = '';
      stmt.operands.forEach((operand, i) => {
        if (i > 0) text += ` ${stmt.ops[i - 1] ?? '->'} `;
        text += operand.type === 'node_ref' ? printRef(operand) : printSubgraph(operand, indent);
      });
      return stmt.attrs.length === 0 ? text : `${text} [${printAttrList(stmt.attrs)}]`;
    }
    case 'attr_stmt':
      return `${stmt.target} [${printAttrList(stmt.attrs)}]`;
    case 'assign':
      return `${printId(stmt.attr.key, 'key')}=${printId(stmt.attr.value, 'value')}`;
    case 'subgraph':
      return printSubgraph(stmt, indent);
  }
}

function printBody(body: readonly Statement[], indent: string): string {
  let text = '';
  for (const stmt of body) text += `${indent}${printStatement(stmt, indent)}\n`;
  return text;
}

function printAttrs(attrs: PrintableAttrs | undefined): string {
  if (attrs === undefined || attrs.size === 0) return '';
  const parts: string[] = [];
  for (const [key, value] of attrs) parts.push(`${printId(key, 'key')}=${printId(value, 'value')}`);
  return ` [${parts.join(', ')}]`;
}

function printFlat(graph: PrintableGraph): string {
  const directed = graph.directed ?? true;
  const op = directed ? '->' : '--';
  let text = `${graph.strict === true ? 'strict ' : ''}${directed ? 'digraph' : 'graph'}`;
  if (graph.name !== undefined && graph.name !== '') text += ` ${quoteDotId(graph.name)}`;
  text += ' {\n';
  if (graph.attrs !== undefined) {
    for (const [key, value] of graph.attrs)
      text += `${INDENT}${printId(key, 'key')}=${printId(value, 'value')}\n`;
  }
  for (const node of graph.nodes.values())
    text += `${INDENT}${quoteDotId(node.id)}${printAttrs(node.attrs)}\n`;
  for (const edge of graph.edges) {
    text += `${INDENT}${quoteDotId(edge.from)} ${op} ${quoteDotId(edge.to)}${printAttrs(edge.attrs)}\n`;
  }
  return `${text}}\n`;
}

function isDotGraph(graph: DotGraph | PrintableGraph): graph is DotGraph {
  return 'type' in graph && graph.type === 'graph' && 'body' in graph;
}

/** Prints a DOT AST (or a flat `PrintableGraph`) as canonical DOT text, two-space indented, ending in a newline. */
export function printDot(ast: DotGraph | PrintableGraph): string {
  if (!isDotGraph(ast)) return printFlat(ast);
  let head = `${ast.strict ? 'strict ' : ''}${ast.directed ? 'digraph' : 'graph'}`;
  if (ast.id !== undefined) head += ` ${printId(ast.id, 'name')}`;
  return `${head} {\n${printBody(ast.body, INDENT)}}\n`;
}
