/**
 * Prints a condition in canonical form (`key=value`, `key contains "a b"`, `a && b || c`), for logs,
 * events and messages. `parseCondition(printCondition(e))` evaluates like `e`.
 */
import { TrackerError } from '../common/errors.js';
import type { ConditionExpr, ConditionLiteral } from './condition-ast.js';

const BARE = /^[\p{L}\p{N}_.:/@+%~-]+$/u;

/** A value as a condition literal: bare when it can be, otherwise double-quoted with escapes. */
export function printConditionValue(value: string): string {
  if (BARE.test(value)) return value;
  let out = '"';
  for (const ch of value) {
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else out += ch;
  }
  return `${out}"`;
}

function printQuoted(value: string): string {
  const bare = printConditionValue(value);
  return bare.startsWith('"') ? bare : `"${bare}"`;
}

function unprintable(why: string): never {
  throw new TrackerError(
    'INTERNAL',
    `printCondition: ${why}; the condition language has no parentheses`
  );
}

/** Throws `TrackerError('INTERNAL')` for trees no text parses to (e.g. `not` around `&&`). */
export function printCondition(expr: ConditionExpr): string {
  switch (expr.type) {
    case 'or':
      return expr.items.map((item) => printCondition(item)).join(' || ');
    case 'and':
      return expr.items
        .map((item) => {
          if (item.type === 'or') unprintable("'||' inside '&&'");
          if (item.type === 'and' && item.items.length === 0) unprintable("empty '&&' inside '&&'");
          return printCondition(item);
        })
        .join(' && ');
    case 'not': {
      let prefix = '';
      let e: ConditionExpr = expr;
      while (e.type === 'not') {
        prefix += 'not ';
        e = e.item;
      }
      if (e.type === 'or' || e.type === 'and')
        unprintable(`'not' around '${e.type === 'or' ? '||' : '&&'}'`);
      return prefix + printCondition(e);
    }
    case 'truthy':
      return expr.key.text;
    case 'compare': {
      const value = printConditionValue(expr.literal);
      return /^[a-z]+$/.test(expr.op)
        ? `${expr.key.text} ${expr.op} ${value}`
        : `${expr.key.text}${expr.op}${value}`;
    }
    case 'in':
      return `${expr.key.text} in ${expr.values.map((v: ConditionLiteral) => printConditionValue(v.value)).join(',')}`;
    case 'matches':
      return `${expr.key.text} matches ${printQuoted(expr.pattern)}`;
  }
}
