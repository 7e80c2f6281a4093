/**
 * Evaluates a parsed condition against a node's outcome and the run context (spec §10.3–10.5).
 * Pure: everything it reads comes through `ConditionScope`.
 */
import type { ConditionExpr, ConditionKey } from './condition-ast.js';
export interface ConditionScope {
    /** The outcome status, e.g. `success`, `partial_success`, `fail`, `retry`, `skipped`. */
    readonly outcome: string;
    /** The outcome's preferred label, or `''`. */
    readonly preferredLabel: string;
    /** A context value, or `undefined` when the key is not set. */
    lookup(key: string): unknown;
}
/** How a context value reads in a condition: strings as is, numbers and booleans as text, objects as JSON. */
export declare function conditionValueToString(value: unknown): string;
/**
 * The text a key stands for (spec §10.4). `context.x` (or `ctx.x`) reads `context.x`, then `x`;
 * `internal.x` and bare keys read the key itself. A key that is not set reads as `''`.
 */
export declare function resolveConditionKey(key: ConditionKey, scope: ConditionScope): string;
/** Truthiness of a bare key clause: set, not blank, and not `false` or `0`. */
export declare function isTruthyConditionValue(value: string): boolean;
export declare function evaluateCondition(expr: ConditionExpr, scope: ConditionScope): boolean;
