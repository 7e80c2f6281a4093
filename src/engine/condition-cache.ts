/**
 * Evaluates edge conditions against an outcome and the context, parsing each distinct condition text once.
 */
import { TrackerError } from '../common/errors.js';
import type { ConditionExpr } from '../condition/condition-ast.js';
import { parseCondition } from '../condition/parse-condition.js';
import { evaluateCondition } from '../condition/evaluate-condition.js';
import type { ContextView } from '../ports/context.js';
import type { Outcome } from '../ports/outcome.js';

const MAX_CACHED = 4096;
const cache = new Map<string, ConditionExpr>();

function compiled(text: string): ConditionExpr {
  let expr = cache.get(text);
  if (expr) return expr;
  const parsed = parseCondition(text);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new TrackerError(
      'PIPELINE_INVALID',
      `Condition ${JSON.stringify(text)} does not parse: ${first?.message ?? 'syntax error'}`
    );
  }
  expr = parsed.expr;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, expr);
  return expr;
}

export function conditionHolds(text: string, outcome: Outcome, context: ContextView): boolean {
  return evaluateCondition(compiled(text), {
    outcome: outcome.status,
    preferredLabel: outcome.preferredLabel ?? context.getString('preferred_label'),
    lookup: (key) => context.get(key)
  });
}
