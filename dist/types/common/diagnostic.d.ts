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
    readonly edge?: {
        readonly from: string;
        readonly to: string;
    };
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
export declare function diagnosticAt(loc: SourceLocation | undefined, d: Omit<Diagnostic, 'file' | 'line' | 'column'>): Diagnostic;
export declare function hasErrors(diagnostics: readonly Diagnostic[]): boolean;
/** Stable order: by file, line, column, then severity, then rule. */
export declare function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[];
