/**
 * Hand-built DOT ASTs for builder tests that must not depend on the parser. Each helper takes the line the
 * construct starts on, so location assertions stay readable.
 */
import type {
  Attr,
  AttrStmt,
  DotGraph,
  DotId,
  EdgeStmt,
  IdKind,
  NodeRef,
  NodeStmt,
  Span,
  Statement,
  Subgraph
} from '../../src/dot/ast.js';

export function span(line: number, column = 1): Span {
  const start = { line, column, offset: line * 100 + column };
  return { start, end: { ...start, column: column + 1, offset: start.offset + 1 } };
}

export function id(value: string, line = 1, column = 1, kind: IdKind = 'bare'): DotId {
  return { value, kind, span: span(line, column) };
}

export function attr(
  key: string,
  value: string,
  line = 1,
  column = 1,
  kind: IdKind = 'quoted'
): Attr {
  return {
    key: id(key, line, column),
    value: id(value, line, column + key.length + 1, kind),
    span: span(line, column)
  };
}

export function ref(name: string, line = 1, column = 1): NodeRef {
  return { type: 'node_ref', id: id(name, line, column), span: span(line, column) };
}

export function node(name: string, line: number, attrs: readonly Attr[] = []): NodeStmt {
  return { type: 'node', ref: ref(name, line), attrs, span: span(line) };
}

export function edge(
  operands: readonly (string | Subgraph)[],
  line: number,
  attrs: readonly Attr[] = [],
  op: '->' | '--' = '->'
): EdgeStmt {
  return {
    type: 'edge',
    operands: operands.map((o, i) => (typeof o === 'string' ? ref(o, line, 1 + i * 5) : o)),
    ops: operands.slice(1).map(() => op),
    attrs,
    span: span(line)
  };
}

export function defaults(
  target: AttrStmt['target'],
  line: number,
  attrs: readonly Attr[]
): AttrStmt {
  return { type: 'attr_stmt', target, attrs, span: span(line) };
}

export function assign(key: string, value: string, line: number): Statement {
  return { type: 'assign', attr: attr(key, value, line), span: span(line) };
}

export function subgraph(
  name: string | undefined,
  line: number,
  body: readonly Statement[]
): Subgraph {
  return {
    type: 'subgraph',
    ...(name === undefined ? {} : { id: id(name, line, 10) }),
    body,
    span: span(line)
  };
}

export function digraph(
  body: readonly Statement[],
  options: { name?: string; strict?: boolean; directed?: boolean; file?: string } = {}
): DotGraph {
  return {
    type: 'graph',
    strict: options.strict ?? false,
    directed: options.directed ?? true,
    ...(options.name === undefined ? {} : { id: id(options.name, 1, 9) }),
    body,
    span: span(1),
    file: options.file ?? 'test.dot'
  };
}
