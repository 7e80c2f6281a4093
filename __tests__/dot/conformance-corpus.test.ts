/**
 * Every DOT file of the shared conformance corpus parses, and printDot/parseDot round-trips it (values keep
 * their text; tracker-only bare values such as `summary:high` may come back quoted).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import { printDot } from '../../src/dot/print-dot.js';
import { stripSpans } from './strip-spans.js';

const root = join(process.cwd(), '..', 'shared', 'conformance');
const maybe = existsSync(root) ? describe : describe.skip;

function dotFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return dotFiles(path);
    return entry.name.endsWith('.dot') ? [path] : [];
  });
}

/** The tree without spans, and without `kind` on IDs whose kind printing may normalise. */
function shape(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(stripSpans(value), (k, v: unknown) => (k === 'kind' ? undefined : v))
  );
}

maybe('conformance corpus (parser)', () => {
  const files = existsSync(root)
    ? dotFiles(root).map((file) => [relative(root, file), file] as const)
    : [];

  it('has fixtures', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files)('%s parses and round-trips through printDot', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const ast = parseDot(source, { file });
    expect(ast.directed).toBe(true);
    expect(ast.body.length).toBeGreaterThan(0);
    expect(shape(parseDot(printDot(ast)))).toEqual(shape(ast));
  });
});
