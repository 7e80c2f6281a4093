/** conditionHolds: the engine's view of a condition, parsed once by compileCondition (one cache). */
import { describe, expect, it } from '@jest/globals';
import { isTrackerError } from '../../src/common/errors.js';
import { compileCondition } from '../../src/condition/compile-condition.js';
import { RunContext } from '../../src/engine/context.js';
import { conditionHolds } from '../../src/engine/condition-holds.js';
import type { Outcome, StageStatus } from '../../src/ports/outcome.js';

describe('conditionHolds', () => {
  it.each<[string, StageStatus, string | undefined, Record<string, unknown>, boolean]>([
    ['outcome=success', 'success', undefined, {}, true],
    ['outcome=success', 'fail', undefined, {}, false],
    ['preferred_label=Fix', 'success', 'Fix', {}, true],
    // Without a preferred label on the outcome, the context's preferred_label is read.
    ['preferred_label=Fix', 'success', undefined, { preferred_label: 'Fix' }, true],
    ['preferred_label=Fix', 'success', 'Ship', { preferred_label: 'Fix' }, false],
    ['context.n>=2', 'success', undefined, { n: 3 }, true]
  ])('%j with outcome %s, label %j, context %j → %p', (text, status, label, ctx, holds) => {
    const outcome: Outcome = { status, ...(label ? { preferredLabel: label } : {}) };
    expect(conditionHolds(text, outcome, new RunContext(ctx))).toBe(holds);
  });

  it('fails an unparseable condition with the parse cache’s own error', () => {
    const thrown = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const text = 'outcome => success';
    const viaEngine = thrown(() => conditionHolds(text, { status: 'success' }, new RunContext()));
    const viaCache = thrown(() => compileCondition(text));
    expect(isTrackerError(viaEngine) && viaEngine.code).toBe('PIPELINE_INVALID');
    expect((viaEngine as Error).message).toBe((viaCache as Error).message);
  });
});
