import type { Outcome } from '../ports/outcome.js';
import { isStageStatus } from '../engine/outcome.js';
import type { Handler, HandlerInput } from '../engine/handler.js';

/**
 * A routing point (spec §4.7). It passes the previous stage's outcome through, so its edge conditions
 * (`outcome=fail`, `preferred_label=…`) route on what happened before it — the reason a diamond exists.
 * Never retried: re-evaluating a pass-through cannot change anything.
 */
export class ConditionalHandler implements Handler {
  execute(input: HandlerInput): Promise<Outcome> {
    const previous = input.context.get('outcome');
    const status = isStageStatus(previous) ? previous : 'success';
    const preferred = input.context.getString('preferred_label');
    return Promise.resolve({
      status,
      retryable: false,
      notes: `Conditional node evaluated: ${input.node.id}`,
      ...(preferred ? { preferredLabel: preferred } : {}),
      ...(status === 'fail'
        ? { failureReason: 'previous stage failed and no condition on this node matched' }
        : {})
    });
  }
}
