/**
 * Every DOT file of the shared conformance corpus parses, and printDot/parseDot round-trips it (values keep
 * their text; tracker-only bare values such as `summary:high` may come back quoted).
 */
import { expect, it } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import { printDot } from '../../src/dot/print-dot.js';
import { stripSpans } from './strip-spans.js';
import {
  corpusDotFiles,
  describeWithCorpus,
  readCorpusFile
} from '../support/conformance-corpus.js';

/** The tree without spans, and without `kind` on IDs whose kind printing may normalise. */
function shape(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(stripSpans(value), (k, v: unknown) => (k === 'kind' ? undefined : v))
  );
}

describeWithCorpus('conformance corpus (parser)', () => {
  const files = corpusDotFiles();

  it('has fixtures', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files)('%s parses and round-trips through printDot', (name) => {
    const { file, source } = readCorpusFile(name);
    const ast = parseDot(source, { file });
    expect(ast.directed).toBe(true);
    expect(ast.body.length).toBeGreaterThan(0);
    expect(shape(parseDot(printDot(ast)))).toEqual(shape(ast));
  });
});
