/**
 * Syntax tree of the edge condition language (spec §10, plus Tracker's extended operators).
 * Produced by `parseCondition`, read by `evaluateCondition`, `printCondition` and the validators.
 * Spans are 0-based UTF-16 offsets `[start, end)` within the condition text.
 */
export interface ConditionSpan {
    readonly start: number;
    readonly end: number;
}
/**
 * Where a key is read from:
 * - `outcome`: the node's outcome status; `preferred_label`: the outcome's preferred label.
 * - `context`: written `context.<path>` or `ctx.<path>`; `path` is the part after the prefix.
 * - `internal`: written `internal.<path>`; `path` is the whole key, `internal.` included.
 * - `bare`: any other key (spec §10.4 looks it up directly in the context); `path` is the key.
 */
export type ConditionKeyScope = 'outcome' | 'preferred_label' | 'context' | 'internal' | 'bare';
export interface ConditionKey {
    /** The key as written, e.g. `ctx.tests_passed`. */
    readonly text: string;
    /** The normalised lookup key (see `ConditionKeyScope`). */
    readonly path: string;
    readonly scope: ConditionKeyScope;
    readonly span: ConditionSpan;
}
/**
 * `=` and `!=` are the spec's operators (`==` parses to `=`). The rest are Tracker extensions:
 * numeric `<` `<=` `>` `>=` and the string tests `contains`, `startswith`, `endswith`.
 */
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'startswith' | 'endswith';
export declare const COMPARE_OPS: readonly CompareOp[];
export interface ConditionLiteral {
    /** Decoded text (quotes removed, escapes resolved). */
    readonly value: string;
    readonly quoted: boolean;
    readonly span: ConditionSpan;
}
export interface OrExpr {
    readonly type: 'or';
    readonly items: readonly ConditionExpr[];
    readonly span: ConditionSpan;
}
/** `items` is empty for the empty condition, which always holds (spec §10.5). */
export interface AndExpr {
    readonly type: 'and';
    readonly items: readonly ConditionExpr[];
    readonly span: ConditionSpan;
}
/** `not clause`, `!clause`, and the infix forms `key not contains x` / `key not in a,b` / …. */
export interface NotExpr {
    readonly type: 'not';
    readonly item: ConditionExpr;
    readonly span: ConditionSpan;
}
export interface CompareExpr {
    readonly type: 'compare';
    readonly key: ConditionKey;
    readonly op: CompareOp;
    /** The decoded literal. For numeric operators it is a number's text (e.g. `3`, `-0.5`). */
    readonly literal: string;
    readonly quoted: boolean;
    /** The operator as written (`==` for `=`). */
    readonly opText: string;
    readonly opSpan: ConditionSpan;
    readonly literalSpan: ConditionSpan;
    readonly span: ConditionSpan;
}
/** `key in a,b,"c d"`: true when the value equals one of the items. */
export interface InExpr {
    readonly type: 'in';
    readonly key: ConditionKey;
    readonly values: readonly ConditionLiteral[];
    readonly span: ConditionSpan;
}
/** `key matches <regex>`: an unanchored JavaScript regular expression test. */
export interface MatchesExpr {
    readonly type: 'matches';
    readonly key: ConditionKey;
    readonly pattern: string;
    readonly quoted: boolean;
    readonly regex: RegExp;
    readonly patternSpan: ConditionSpan;
    readonly span: ConditionSpan;
}
/** A bare key clause (spec §10.5): true when the value is non-empty and not `false` or `0`. */
export interface TruthyExpr {
    readonly type: 'truthy';
    readonly key: ConditionKey;
    readonly span: ConditionSpan;
}
export type ConditionExpr = OrExpr | AndExpr | NotExpr | CompareExpr | InExpr | MatchesExpr | TruthyExpr;
/** The keys an expression reads, left to right (for linters that check context keys are produced). */
export declare function conditionKeys(expr: ConditionExpr): ConditionKey[];
