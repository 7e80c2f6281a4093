/**
 * The checkpoint: a versioned, snake_case JSON document written after every node transition and before
 * every retry. Its size is bounded by the graph and the context, never by the run's history (loops append
 * to activity.jsonl, not here), so the cost of a write does not grow as a run goes on.
 */
import { TrackerError } from '../common/errors.js';
import { isStageStatus } from './outcome.js';
import type {
  Checkpoint,
  CheckpointNodeOutcome,
  PendingBranch,
  PendingParallel
} from '../ports/checkpoint.js';
import { CHECKPOINT_VERSION } from '../ports/checkpoint.js';

/** Older versions this tracker still reads (migrated on load by `parseCheckpoint`). */
export const READABLE_CHECKPOINT_VERSIONS: readonly number[] = [1, CHECKPOINT_VERSION];

function invalid(message: string): TrackerError {
  return new TrackerError(
    'CHECKPOINT_INVALID',
    `Checkpoint is not valid: ${message}. It may be from another tool or damaged; start a new run or restore a good copy.`
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function stringArray(value: unknown, field: string): string[] {
  if (!isStringArray(value)) throw invalid(`'${field}' must be a list of node ids`);
  return value;
}

function numberRecord(value: unknown, field: string): Record<string, number> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw invalid(`'${field}' must be an object`);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw invalid(`'${field}.${k}' must be a whole number`);
    out[k] = v;
  }
  return out;
}

function nodeOutcomes(value: unknown): Record<string, CheckpointNodeOutcome> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw invalid(`'node_outcomes' must be an object`);
  const out: Record<string, CheckpointNodeOutcome> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!isRecord(v) || !isStageStatus(v['status']))
      throw invalid(`'node_outcomes.${k}.status' must be a stage status`);
    out[k] = v as unknown as CheckpointNodeOutcome;
  }
  return out;
}

function keysChanged(
  base: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>
): { updates: Record<string, unknown>; removed: string[] } {
  const updates: Record<string, unknown> = {};
  for (const key of Object.keys(after))
    if (JSON.stringify(base[key]) !== JSON.stringify(after[key])) updates[key] = after[key];
  const removed = Object.keys(base).filter((key) => !(key in after));
  return { updates, removed };
}

function pendingBranch(value: unknown, field: string): PendingBranch {
  if (!isRecord(value) || typeof value['done'] !== 'boolean')
    throw invalid(`'${field}' must be a branch state with 'done'`);
  if (value['status'] !== undefined && !isStageStatus(value['status']))
    throw invalid(`'${field}.status' must be a stage status`);
  const updates = value['context_updates'] ?? {};
  if (!isRecord(updates)) throw invalid(`'${field}.context_updates' must be an object`);
  return {
    ...(value as unknown as PendingBranch),
    completed_nodes: stringArray(value['completed_nodes'] ?? [], `${field}.completed_nodes`),
    context_updates: updates
  };
}

function pendingParallel(value: unknown): Record<string, PendingParallel> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw invalid(`'parallel' must be an object`);
  const out: Record<string, PendingParallel> = {};
  for (const [key, block] of Object.entries(value)) {
    if (!isRecord(block) || typeof block['node'] !== 'string' || !isRecord(block['branches']))
      throw invalid(`'parallel.${key}' must be {node, branches}`);
    const branches: Record<string, PendingBranch> = {};
    for (const [start, b] of Object.entries(block['branches']))
      branches[start] = pendingBranch(b, `parallel.${key}.branches.${start}`);
    out[key] = { node: block['node'], branches };
  }
  return out;
}

/**
 * Version 1 saved one parallel block (`{node, branches}`, top level only) with each branch's whole context.
 * Its branches started from the main context, so the diff against it gives the version-2 form.
 */
function migrateParallelV1(
  value: unknown,
  context: Readonly<Record<string, unknown>>
): Record<string, PendingParallel> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || typeof value['node'] !== 'string' || !isRecord(value['branches']))
    throw invalid(`'parallel' must be {node, branches}`);
  const branches: Record<string, PendingBranch> = {};
  for (const [start, b] of Object.entries(value['branches'])) {
    if (!isRecord(b)) throw invalid(`'parallel.branches.${start}' must be an object`);
    const { context: branchContext, ...rest } = b;
    const { updates, removed } = keysChanged(context, isRecord(branchContext) ? branchContext : {});
    branches[start] = pendingBranch(
      {
        ...rest,
        context_updates: updates,
        ...(removed.length ? { context_removed: removed } : {})
      },
      `parallel.branches.${start}`
    );
  }
  return { [value['node']]: { node: value['node'], branches } };
}

/**
 * Parses and checks a checkpoint document; version-1 documents are migrated to the current version.
 * Throws TrackerError('CHECKPOINT_INVALID') with the reason.
 */
export function parseCheckpoint(text: string): Checkpoint {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TrackerError(
      'CHECKPOINT_INVALID',
      `Checkpoint is not valid JSON (${String(error)}). Start a new run or restore a good copy.`,
      {
        cause: error
      }
    );
  }
  if (!isRecord(data)) throw invalid('expected a JSON object');
  const version = data['version'];
  if (typeof version !== 'number' || !READABLE_CHECKPOINT_VERSIONS.includes(version)) {
    throw invalid(
      `unsupported version ${JSON.stringify(version)} (this tracker reads versions ${READABLE_CHECKPOINT_VERSIONS.join(' and ')})`
    );
  }
  const runId = data['run_id'];
  if (typeof runId !== 'string' || runId === '') throw invalid(`'run_id' is missing`);
  const pipeline = data['pipeline'];
  if (!isRecord(pipeline) || typeof pipeline['sha256'] !== 'string')
    throw invalid(`'pipeline.sha256' is missing`);
  const status = data['status'];
  if (status !== 'running' && status !== 'success' && status !== 'fail' && status !== 'stopped')
    throw invalid(`'status' is ${JSON.stringify(status)}`);
  const context = data['context'] ?? {};
  if (!isRecord(context)) throw invalid(`'context' must be an object`);
  const next = data['next_node'];
  if (next !== undefined && typeof next !== 'string')
    throw invalid(`'next_node' must be a node id`);
  const attempt = data['current_attempt'];
  if (
    attempt !== undefined &&
    (!isRecord(attempt) ||
      typeof attempt['node'] !== 'string' ||
      typeof attempt['attempt'] !== 'number')
  ) {
    throw invalid(`'current_attempt' must be {node, attempt}`);
  }
  const running = data['running_attempts'];
  const parallel =
    version === 1
      ? migrateParallelV1(data['parallel'], context)
      : pendingParallel(data['parallel']);
  const rest: Record<string, unknown> = { ...data };
  delete rest['parallel'];
  delete rest['running_attempts'];
  return {
    ...(rest as unknown as Checkpoint),
    version: CHECKPOINT_VERSION,
    ...(parallel ? { parallel } : {}),
    ...(running === undefined
      ? {}
      : { running_attempts: numberRecord(running, 'running_attempts') }),
    completed_nodes: stringArray(data['completed_nodes'] ?? [], 'completed_nodes'),
    node_outcomes: nodeOutcomes(data['node_outcomes']),
    node_retries: numberRecord(data['node_retries'], 'node_retries'),
    visits: numberRecord(data['visits'], 'visits'),
    restart_count: typeof data['restart_count'] === 'number' ? data['restart_count'] : 0,
    current_node: typeof data['current_node'] === 'string' ? data['current_node'] : '',
    context
  };
}

/** Compact JSON plus a newline (`jq .` pretty-prints it); RunState.serialize produces the same text. */
export function serializeCheckpoint(checkpoint: Checkpoint): string {
  return JSON.stringify(checkpoint) + '\n';
}
