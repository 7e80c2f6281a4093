/**
 * Adds the source excerpt (the line and a caret under the column, as syntax errors show) to diagnostics
 * that point into `source` and do not carry one yet. Pure: renderers call it with the text they parsed.
 */
import { sourceExcerpt } from '../dot/dot-syntax-error.js';
import type { Diagnostic } from '../common/diagnostic.js';

/** 0-based offsets at which each line starts; index 0 is line 1. */
function lineStarts(source: string): number[] {
  const starts = [0];
  let at = source.indexOf('\n');
  while (at !== -1) {
    starts.push(at + 1);
    at = source.indexOf('\n', at + 1);
  }
  return starts;
}

export function attachExcerpts(
  diagnostics: readonly Diagnostic[],
  source: string,
  file: string | undefined
): Diagnostic[] {
  let starts: number[] | undefined;
  return diagnostics.map((d) => {
    if (d.excerpt !== undefined || d.line === undefined) return d;
    if (file !== undefined && d.file !== undefined && d.file !== file) return d;
    starts ??= lineStarts(source);
    const lineStart = starts[d.line - 1];
    if (lineStart === undefined) return d;
    const lineEnd = starts[d.line] ?? source.length + 1;
    const offset = Math.min(lineStart + Math.max(0, (d.column ?? 1) - 1), lineEnd - 1);
    return { ...d, excerpt: sourceExcerpt(source, { line: d.line, offset }) };
  });
}
