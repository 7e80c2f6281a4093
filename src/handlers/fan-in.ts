/**
 * Fan-in (spec §4.9): reads the branch results of the parallel node, picks the best candidate and merges
 * the context changes of the successful branches in branch order (deterministic: later branches win).
 * A failed branch is never hidden: with some failures the outcome is partial_success and says which.
 */
import type { Outcome, StageStatus } from '../engine/outcome.js';
import { isSuccessful } from '../engine/outcome.js';
import type { Handler, HandlerInput } from './handler.js';
import type { BranchResult } from './parallel.js';

const RANK: Readonly<Record<StageStatus, number>> = {
  success: 0,
  partial_success: 1,
  retry: 2,
  skipped: 3,
  fail: 4
};

function isBranchResult(value: unknown): value is BranchResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string'
  );
}

export function selectBest(results: readonly BranchResult[]): BranchResult | undefined {
  const score = (r: BranchResult): number => {
    const s = r.context_updates['score'];
    return typeof s === 'number' ? s : Number(s) || 0;
  };
  return [...results].sort(
    (a, b) => RANK[a.status] - RANK[b.status] || score(b) - score(a) || a.id.localeCompare(b.id)
  )[0];
}

export class FanInHandler implements Handler {
  execute(input: HandlerInput): Promise<Outcome> {
    const raw = input.context.get('parallel.results');
    const results = Array.isArray(raw) ? raw.filter(isBranchResult) : [];
    if (results.length === 0) {
      return Promise.resolve({
        status: 'fail',
        failureReason: 'No parallel results to evaluate: no parallel node ran before this fan-in.',
        retryable: false
      });
    }
    const best = selectBest(results);
    const merged: Record<string, unknown> = {};
    for (const r of results) if (isSuccessful(r.status)) Object.assign(merged, r.context_updates);
    const failed = results.filter((r) => !isSuccessful(r.status)).map((r) => r.id);
    const updates = {
      ...merged,
      'parallel.fan_in.best_id': best?.id ?? '',
      'parallel.fan_in.best_outcome': best?.status ?? ''
    };
    if (failed.length === results.length) {
      return Promise.resolve({
        status: 'fail',
        failureReason: `all ${results.length} branches failed: ${failed.join(', ')}`,
        contextUpdates: updates,
        retryable: false
      });
    }
    const notes = `Selected best candidate: ${best?.id ?? ''}${failed.length ? `; failed branches: ${failed.join(', ')}` : ''}`;
    return Promise.resolve({
      status: failed.length ? 'partial_success' : 'success',
      notes,
      contextUpdates: updates,
      retryable: false
    });
  }
}
