import type { Outcome } from '../ports/outcome.js';
import type { Handler } from '../engine/handler.js';

/** Pipeline exit point (spec §4.4): a no-op; the engine checks goal gates before it runs. */
export class ExitHandler implements Handler {
  execute(): Promise<Outcome> {
    return Promise.resolve({ status: 'success', notes: 'Pipeline completed' });
  }
}
