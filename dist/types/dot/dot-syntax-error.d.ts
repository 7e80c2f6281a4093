/**
 * The one error `parseDot` throws. It carries every independent problem the parser found (after error
 * recovery), each with file:line:col, the offending token, a source excerpt and a hint on how to fix it.
 */
import { TrackerError } from '../common/errors.js';
/** Where a problem is. `line` and `column` are 1-based (columns count UTF-16 code units); `offset` is 0-based. */
export interface DotLocation {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly offset: number;
}
/** `DOT_SYNTAX` for malformed text, `DOT_LIMIT` when untrusted input exceeds a `DotLimits` bound. */
export type DotErrorCode = 'DOT_SYNTAX' | 'DOT_LIMIT';
export interface DotSyntaxIssue {
    readonly message: string;
    readonly location: DotLocation;
    /** The offending token as written ('' at end of input). */
    readonly token: string;
    /** How to fix it. */
    readonly hint?: string;
    readonly code: DotErrorCode;
    /** The source line and a caret line under the column (see `sourceExcerpt`). */
    readonly excerpt: string;
}
/**
 * The line holding `offset` and a caret under it, with a line-number gutter:
 * ```
 *   3 |   a [label="x"
 *     |     ^
 * ```
 * Control characters in the line are shown as escapes (`visible`: `ESC` as `\x1b`), and the caret stays
 * under the character it points at.
 */
export declare function sourceExcerpt(source: string, location: Pick<DotLocation, 'line' | 'offset'>): string;
/** The diagnostic rule id for an issue's code (`dot_syntax`, `dot_limit`). */
export declare function issueRule(code: DotErrorCode): string;
/** Renders one issue as `file:line:col: error[dot_syntax]: message`, the excerpt and the hint. */
export declare function formatDotIssue(issue: DotSyntaxIssue): string;
export declare class DotSyntaxError extends TrackerError {
    /** The primary (first) issue's location. */
    readonly location: DotLocation;
    readonly token: string;
    readonly hint?: string;
    readonly excerpt: string;
    /** Every independent issue found, the primary first. Never empty. */
    readonly issues: readonly DotSyntaxIssue[];
    /** True when the parser stopped at its error cap, so there may be more problems after the last issue. */
    readonly truncated: boolean;
    constructor(issues: readonly [DotSyntaxIssue, ...DotSyntaxIssue[]], options?: {
        readonly cause?: unknown;
        readonly truncated?: boolean;
    });
    /** Every issue, compiler style, separated by blank lines (and a note when parsing stopped early). */
    format(): string;
}
