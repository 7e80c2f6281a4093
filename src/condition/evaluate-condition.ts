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

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** How a context value reads in a condition: strings as is, numbers and booleans as text, objects as JSON. */
export function conditionValueToString(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    // Circular or otherwise unserialisable: `[object Object]`, as String() would give.
    return Object.prototype.toString.call(value);
  }
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * The text a key stands for (spec §10.4). `context.x` (or `ctx.x`) reads `context.x`, then `x`;
 * `internal.x` and bare keys read the key itself. A key that is not set reads as `''`.
 */
export function resolveConditionKey(key: ConditionKey, scope: ConditionScope): string {
  switch (key.scope) {
    case 'outcome':
      return scope.outcome;
    case 'preferred_label':
      return scope.preferredLabel;
    case 'context': {
      const qualified = scope.lookup(`context.${key.path}`);
      return conditionValueToString(present(qualified) ? qualified : scope.lookup(key.path));
    }
    case 'internal':
    case 'bare':
      return conditionValueToString(scope.lookup(key.path));
  }
}

/** Truthiness of a bare key clause: set, not blank, and not `false` or `0`. */
export function isTruthyConditionValue(value: string): boolean {
  const v = value.trim();
  return v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

function toNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Outcome statuses compare case-insensitively (`outcome=SUCCESS` works); everything else is exact. */
function fold(key: ConditionKey, text: string): string {
  return key.scope === 'outcome' ? text.toLowerCase() : text;
}

export function evaluateCondition(expr: ConditionExpr, scope: ConditionScope): boolean {
  // Chains of `not` are unwound in a loop so `!!!!…x` cannot exhaust the stack.
  let negate = false;
  let e = expr;
  while (e.type === 'not') {
    negate = !negate;
    e = e.item;
  }
  return negate !== evaluateInner(e, scope);
}

function evaluateInner(expr: ConditionExpr, scope: ConditionScope): boolean {
  switch (expr.type) {
    case 'or':
      return expr.items.some((item) => evaluateCondition(item, scope));
    case 'and':
      return expr.items.every((item) => evaluateCondition(item, scope));
    case 'not':
      return !evaluateCondition(expr.item, scope);
    case 'truthy':
      return isTruthyConditionValue(resolveConditionKey(expr.key, scope));
    case 'in': {
      const actual = fold(expr.key, resolveConditionKey(expr.key, scope));
      return expr.values.some((v) => fold(expr.key, v.value) === actual);
    }
    case 'matches':
      return expr.regex.test(fold(expr.key, resolveConditionKey(expr.key, scope)));
    case 'compare': {
      const actual = fold(expr.key, resolveConditionKey(expr.key, scope));
      const literal = fold(expr.key, expr.literal);
      switch (expr.op) {
        case '=':
          return actual === literal;
        case '!=':
          return actual !== literal;
        case 'contains':
          return actual.includes(literal);
        case 'startswith':
          return actual.startsWith(literal);
        case 'endswith':
          return actual.endsWith(literal);
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const a = toNumber(actual);
          const b = toNumber(literal);
          if (a === undefined || b === undefined) return false;
          if (expr.op === '<') return a < b;
          if (expr.op === '<=') return a <= b;
          if (expr.op === '>') return a > b;
          return a >= b;
        }
      }
    }
  }
}
