/**
 * A Diagnostic is a value: validation never throws for a bad pipeline, it returns these.
 * Every `rule` has a section in docs/diagnostics.md.
 */
import type { SourceLocation } from './source-location.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedLocation {
  readonly message: string;
  readonly loc: SourceLocation;
}

export interface Diagnostic {
  readonly rule: string;
  readonly severity: Severity;
  /** What is wrong, naming the offending value. */
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly nodeId?: string;
  readonly edge?: { readonly from: string; readonly to: string };
  /** How to fix it. */
  readonly fix?: string;
  /** Other declarations involved (e.g. the second start node). */
  readonly related?: readonly RelatedLocation[];
  /**
   * The source line with a caret under the column, with a line-number gutter (see `sourceExcerpt` in
   * src/dot/dot-syntax-error.ts). Set for syntax errors; renderers that have the source add it for others.
   */
  readonly excerpt?: string;
  /** The offending token as written, for syntax errors ('' at end of input). */
  readonly token?: string;
}

export function diagnosticAt(
  loc: SourceLocation | undefined,
  d: Omit<Diagnostic, 'file' | 'line' | 'column'>
): Diagnostic {
  return loc ? { ...d, file: loc.file, line: loc.line, column: loc.column } : d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Stable order: by file, line, column, then severity, then rule. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.rule, b.rule)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
