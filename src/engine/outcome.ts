/** Building and reading Outcomes (spec §5.2); the type itself is in src/ports/outcome.ts. */
import type { Outcome, StageStatus } from '../ports/outcome.js';
import { StageStatuses } from '../ports/outcome.js';
import { RESERVED_CONTEXT_KEYS, isReservedContextKey } from './context.js';

export function isStageStatus(value: unknown): value is StageStatus {
  return typeof value === 'string' && (StageStatuses as readonly string[]).includes(value);
}

export function isSuccessful(status: StageStatus): boolean {
  return status === 'success' || status === 'partial_success';
}

export function success(notes?: string, contextUpdates?: Record<string, unknown>): Outcome {
  return {
    status: 'success',
    ...(notes === undefined ? {} : { notes }),
    ...(contextUpdates === undefined ? {} : { contextUpdates })
  };
}

export function failure(failureReason: string, extra: Partial<Outcome> = {}): Outcome {
  return { ...extra, status: 'fail', failureReason };
}

/**
 * Reads the status-file contract (spec Appendix C) from parsed JSON. Accepts `outcome` or `status`, and
 * `preferred_label`/`preferred_next_label`. Returns an error message when the document is not a status,
 * or when `context_updates` sets a reserved key (`__proto__`, `constructor`, `prototype`).
 */
export function outcomeFromStatusJson(data: unknown): Outcome | string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return 'status.json must contain a JSON object like {"outcome": "success"}';
  }
  const record = data as Record<string, unknown>;
  const raw = record['outcome'] ?? record['status'];
  const status = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if (!isStageStatus(status)) {
    return `status.json has outcome ${JSON.stringify(raw)}; expected one of ${StageStatuses.join(', ')}`;
  }
  const preferred = record['preferred_label'] ?? record['preferred_next_label'];
  const suggested = record['suggested_next_ids'];
  const updates = record['context_updates'];
  const notes = record['notes'];
  const reason = record['failure_reason'];
  if (typeof updates === 'object' && updates !== null && !Array.isArray(updates)) {
    const reserved = Object.keys(updates).find(isReservedContextKey);
    if (reserved !== undefined)
      return `context_updates sets the key ${JSON.stringify(reserved)}, which is reserved (${RESERVED_CONTEXT_KEYS.join(', ')} cannot be context keys); rename it`;
  }
  return {
    status,
    ...(typeof preferred === 'string' && preferred !== '' ? { preferredLabel: preferred } : {}),
    ...(Array.isArray(suggested)
      ? { suggestedNextIds: suggested.filter((s): s is string => typeof s === 'string') }
      : {}),
    ...(typeof updates === 'object' && updates !== null && !Array.isArray(updates)
      ? { contextUpdates: updates as Record<string, unknown> }
      : {}),
    ...(typeof notes === 'string' ? { notes } : {}),
    ...(typeof reason === 'string' ? { failureReason: reason } : {})
  };
}

/** The status-file form of an outcome (what the engine writes to `<node>/status.json`). */
export function outcomeToStatusJson(outcome: Outcome): Record<string, unknown> {
  return {
    outcome: outcome.status,
    ...(outcome.preferredLabel ? { preferred_label: outcome.preferredLabel } : {}),
    ...(outcome.suggestedNextIds?.length ? { suggested_next_ids: outcome.suggestedNextIds } : {}),
    ...(outcome.contextUpdates && Object.keys(outcome.contextUpdates).length
      ? { context_updates: outcome.contextUpdates }
      : {}),
    ...(outcome.notes ? { notes: outcome.notes } : {}),
    ...(outcome.failureReason ? { failure_reason: outcome.failureReason } : {})
  };
}
