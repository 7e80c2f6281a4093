/** A position in a DOT file (1-based line and column). */
export interface SourceLocation {
    readonly file: string;
    readonly line: number;
    readonly column: number;
}
