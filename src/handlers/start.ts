import type { Outcome } from '../ports/outcome.js';
import type { Handler } from '../engine/handler.js';

/** Pipeline entry point (spec §4.3): a no-op. */
export class StartHandler implements Handler {
  execute(): Promise<Outcome> {
    return Promise.resolve({ status: 'success' });
  }
}
