/**
 * Parser for edge conditions (spec §10.2) and Tracker's extended operators (docs/conditions.md).
 *
 *   Condition ::= Or | ''                         (the empty condition always holds)
 *   Or        ::= And ( '||' And )*               ('||' is a Tracker extension, lowest precedence)
 *   And       ::= Unary ( '&&' Unary )*
 *   Unary     ::= ( 'not' | '!' ) Unary | Clause   (negation is a Tracker extension)
 *   Clause    ::= Key [ Op Value ]                 (a bare key is a truthiness test, spec §10.5)
 *   Op        ::= '=' | '!=' | '==' | '<' | '<=' | '>' | '>=' | [ 'not' ] WordOp
 *   WordOp    ::= 'contains' | 'startswith' | 'endswith' | 'in' | 'matches'
 *
 * Parsing never throws: the result is a value with either the expression or errors that carry an
 * offset into the condition text and a message that says how to fix it.
 */
import type { ConditionExpr } from './condition-ast.js';
export interface ConditionError {
    readonly message: string;
    /** 0-based offset into the condition text. */
    readonly offset: number;
    readonly length: number;
    readonly hint?: string;
}
export type ParseConditionResult = {
    readonly ok: true;
    readonly expr: ConditionExpr;
    /** Tracker extensions the condition uses (`||`, `contains`, `ctx.` …), in order of first use. */
    readonly extensions: readonly string[];
    /** Legal but suspicious: a key that looks like a misspelt `outcome`, an outcome that never occurs. */
    readonly warnings: readonly ConditionError[];
} | {
    readonly ok: false;
    readonly errors: readonly ConditionError[];
};
/** Longest condition accepted; real conditions are a few dozen characters. */
export declare const MAX_CONDITION_LENGTH = 16384;
/** The statuses `outcome` can take (spec §5.2). Compared case-insensitively. */
export declare const OUTCOME_VALUES: readonly string[];
/** Parses a condition. The empty (or all-whitespace) condition parses to an `and` with no items. */
export declare function parseCondition(text: string): ParseConditionResult;
