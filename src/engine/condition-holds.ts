/**
 * Edge conditions against an outcome and the context. The parse-once cache is `compileCondition`
 * (src/condition/compile-condition.ts); this only maps an Outcome and a ContextView to its scope.
 */
import { conditionKeys } from '../condition/condition-ast.js';
import { compileCondition } from '../condition/compile-condition.js';
import type { ConditionScope } from '../condition/evaluate-condition.js';
import { resolveConditionKey } from '../condition/evaluate-condition.js';
import { parseCondition } from '../condition/parse-condition.js';
import type { ContextView } from '../ports/context.js';
import type { Outcome } from '../ports/outcome.js';

/** Throws `TrackerError('PIPELINE_INVALID')` for text that does not parse (validation reports it first). */
export function conditionHolds(text: string, outcome: Outcome, context: ContextView): boolean {
  return compileCondition(text)(scopeOf(outcome, context));
}

function scopeOf(outcome: Outcome, context: ContextView): ConditionScope {
  return {
    outcome: outcome.status,
    preferredLabel: outcome.preferredLabel ?? context.getString('preferred_label'),
    lookup: (key) => context.get(key)
  };
}

/**
 * Why a condition that did not hold did not: what each key it reads stands for now, e.g.
 * `outcome is 'success', context.tests is ''`.
 */
export function explainCondition(text: string, outcome: Outcome, context: ContextView): string {
  const parsed = parseCondition(text);
  if (!parsed.ok) return 'it does not parse';
  const scope = scopeOf(outcome, context);
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const key of conditionKeys(parsed.expr)) {
    if (seen.has(key.text)) continue;
    seen.add(key.text);
    parts.push(`${key.text} is ${JSON.stringify(resolveConditionKey(key, scope))}`);
  }
  return parts.length ? parts.join(', ') : 'it is false';
}
