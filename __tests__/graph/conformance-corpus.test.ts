/**
 * Every DOT file of the shared conformance corpus builds without build-time findings, and every attribute
 * it uses is in the schema, except graph attributes used as `$name` template variables (Tracker dialect).
 */
import { expect, it } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import type { AttributeScope } from '../../src/graph/attribute-schema.js';
import { lookupAttribute } from '../../src/graph/attribute-schema.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { Attributes } from '../../src/graph/graph.js';
import {
  corpusDotFiles,
  describeWithCorpus,
  readCorpusFile
} from '../support/conformance-corpus.js';

const VARIABLE = /\$\{?(?:graph\.)?([A-Za-z_][A-Za-z0-9_]*)/g;

describeWithCorpus('conformance corpus', () => {
  const files = corpusDotFiles();

  it('has fixtures', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files)('%s builds and uses only known attributes', (name) => {
    const { file, source } = readCorpusFile(name);
    const { graph, diagnostics } = buildGraph(parseDot(source, { file }));
    expect(diagnostics).toEqual([]);
    const variables = new Set([...source.matchAll(VARIABLE)].map((m) => m[1]));
    const unknown: string[] = [];
    const check = (scope: AttributeScope, attrs: Attributes): void => {
      for (const key of attrs.keys()) {
        if (lookupAttribute(scope, key) !== undefined) continue;
        if (scope === 'graph' && variables.has(key)) continue;
        unknown.push(`${scope}:${key}`);
      }
    };
    check('graph', graph.attrs);
    for (const node of graph.nodes.values()) check('node', node.attrs);
    for (const edge of graph.edges) check('edge', edge.attrs);
    expect(unknown).toEqual([]);
  });
});
