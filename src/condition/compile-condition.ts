/**
 * Parse-once, evaluate-many: turns condition text into a predicate, with a small bounded cache keyed by
 * the text (a run evaluates the same few conditions over and over).
 */
import { TrackerError } from '../common/errors.js';
import { evaluateCondition } from './evaluate-condition.js';
import type { ConditionScope } from './evaluate-condition.js';
import { parseCondition } from './parse-condition.js';

export type ConditionPredicate = (scope: ConditionScope) => boolean;

const MAX_CACHED = 1024;
const cache = new Map<string, ConditionPredicate>();

/**
 * A predicate for the condition. Throws `TrackerError('PIPELINE_INVALID')` when the text does not parse;
 * validation reports such conditions before a run, so this only fires for graphs that skipped it.
 */
export function compileCondition(text: string): ConditionPredicate {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parseCondition(text);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const detail = first === undefined ? 'syntax error' : first.message;
    const hint = first?.hint === undefined ? '' : ` ${first.hint}`;
    throw new TrackerError(
      'PIPELINE_INVALID',
      `Condition ${JSON.stringify(text)} is invalid: ${detail}.${hint}`
    );
  }
  const expr = parsed.expr;
  const predicate: ConditionPredicate = (scope) => evaluateCondition(expr, scope);
  if (cache.size >= MAX_CACHED) {
    // Drop the oldest entry: insertion order is Map iteration order.
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(text, predicate);
  return predicate;
}
