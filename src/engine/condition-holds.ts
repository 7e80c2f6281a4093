/**
 * Edge conditions against an outcome and the context. The parse-once cache is `compileCondition`
 * (src/condition/compile-condition.ts); this only maps an Outcome and a ContextView to its scope.
 */
import { compileCondition } from '../condition/compile-condition.js';
import type { ContextView } from '../ports/context.js';
import type { Outcome } from '../ports/outcome.js';

/** Throws `TrackerError('PIPELINE_INVALID')` for text that does not parse (validation reports it first). */
export function conditionHolds(text: string, outcome: Outcome, context: ContextView): boolean {
  return compileCondition(text)({
    outcome: outcome.status,
    preferredLabel: outcome.preferredLabel ?? context.getString('preferred_label'),
    lookup: (key) => context.get(key)
  });
}
