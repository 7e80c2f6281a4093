/**
 * Fan-in (spec §4.9): reads the branch summaries of the parallel node and picks the best candidate. The
 * successful branches' context changes were already merged by the parallel node (in branch order), so this
 * node and every node after it see them. A failed branch is never hidden: with some failures the outcome is
 * partial_success and says which; cancelled and never-started branches are listed but are not failures.
 */
import type { Outcome } from '../ports/outcome.js';
import { isSuccessful } from '../engine/outcome.js';
import type { Handler, HandlerInput } from '../engine/handler.js';
import type { BranchResult, BranchStatus } from './parallel.js';
import { isBranchFailure } from './parallel.js';

const RANK: Readonly<Record<BranchStatus, number>> = {
  success: 0,
  partial_success: 1,
  retry: 2,
  fail: 3,
  cancelled: 4,
  skipped: 5
};

/** A branch summary as stored in `parallel.results` (older runs also stored `context_updates`). */
type StoredBranchResult = BranchResult & {
  readonly context_updates?: Readonly<Record<string, unknown>>;
};

function isBranchResult(value: unknown): value is StoredBranchResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { status?: unknown }).status === 'string' &&
    (value as { status: string }).status in RANK
  );
}

function scoreOf(r: StoredBranchResult): number {
  const s = r.score ?? r.context_updates?.['score'];
  return typeof s === 'number' ? s : Number(s) || 0;
}

export function selectBest(results: readonly BranchResult[]): BranchResult | undefined {
  return [...results].sort(
    (a, b) => RANK[a.status] - RANK[b.status] || scoreOf(b) - scoreOf(a) || a.id.localeCompare(b.id)
  )[0];
}

function list(label: string, ids: readonly string[]): string {
  return ids.length ? `; ${label}: ${ids.join(', ')}` : '';
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
    // Results written before the parallel node merged the branches carry their changes: merge those here.
    const legacy: Record<string, unknown> = {};
    for (const r of results)
      if (r.context_updates && isSuccessful(r.status as 'success'))
        Object.assign(legacy, r.context_updates);
    const ids = (test: (r: BranchResult) => boolean): string[] =>
      results.filter(test).map((r) => r.id);
    const failed = ids((r) => isBranchFailure(r.status));
    const cancelled = ids((r) => r.status === 'cancelled' || r.status === 'skipped');
    const succeeded = ids((r) => r.status === 'success' || r.status === 'partial_success');
    const updates = {
      ...legacy,
      'parallel.fan_in.best_id': best?.id ?? '',
      'parallel.fan_in.best_outcome': best?.status ?? ''
    };
    if (succeeded.length === 0) {
      return Promise.resolve({
        status: 'fail',
        failureReason:
          failed.length === results.length
            ? `all ${results.length} branches failed: ${failed.join(', ')}`
            : `no branch succeeded (${results.length} branches)${list('failed', failed)}${list('cancelled or not started', cancelled)}`,
        contextUpdates: updates,
        retryable: false
      });
    }
    const notes = `Selected best candidate: ${best?.id ?? ''}${list('failed branches', failed)}${list('cancelled or not started', cancelled)}`;
    return Promise.resolve({
      status: failed.length ? 'partial_success' : 'success',
      notes,
      contextUpdates: updates,
      retryable: false
    });
  }
}
