/** Graph elements built without the parser, for tests that should not depend on it. */
import type { AttrValue, GraphEdge, GraphNode } from '../../src/graph/graph.js';
import type { SourceLocation } from '../../src/common/source-location.js';

const LOC: SourceLocation = { file: 'test.dot', line: 1, column: 1 };

/** Explicit, quoted attribute values, as a DOT file would give them. */
export function attrsOf(record: Readonly<Record<string, string>>): Map<string, AttrValue> {
  return new Map(
    Object.entries(record).map(([k, value]) => [
      k,
      { value, kind: 'quoted', origin: 'explicit' } as const
    ])
  );
}

/** A declared node with explicit attributes. */
export function nodeOf(id: string, attrs: Readonly<Record<string, string>> = {}): GraphNode {
  return {
    id,
    attrs: attrsOf(attrs),
    loc: LOC,
    declarations: [LOC],
    implicit: false,
    classes: [],
    subgraphs: []
  };
}

/** The `index`th edge `from -> to`, without attributes. */
export function edgeOf(
  index: number,
  from: string,
  to: string,
  loc: SourceLocation = LOC
): GraphEdge {
  return { index, from, to, attrs: new Map(), loc };
}
