/**
 * The checkpoint: a versioned, snake_case JSON document written after every node transition and before
 * every retry. Its size is bounded by the graph and the context, never by the run's history (loops append
 * to activity.jsonl, not here), so the cost of a write does not grow as a run goes on.
 */
import { TrackerError } from '../errors.js';
import type { StageStatus } from './outcome.js';
import { isStageStatus } from './outcome.js';

export const CHECKPOINT_VERSION = 1;

export type RunStatus = 'running' | 'success' | 'fail' | 'stopped';

export interface CheckpointNodeOutcome {
  readonly status: StageStatus;
  readonly notes?: string;
  readonly failure_reason?: string;
  readonly preferred_label?: string;
  /** Attempts the last execution took (1 = no retry). */
  readonly attempts?: number;
}

/** A parallel block that was running when the checkpoint was written. */
export interface PendingParallel {
  readonly node: string;
  /** Branch start node → its state. */
  readonly branches: Readonly<Record<string, PendingBranch>>;
}

export interface PendingBranch {
  readonly done: boolean;
  /** Next node of the branch walk (absent when done). */
  readonly next_node?: string;
  readonly completed_nodes: readonly string[];
  readonly context: Readonly<Record<string, unknown>>;
  readonly status?: StageStatus;
  readonly failure_reason?: string;
  readonly last_node?: string;
}

export interface Checkpoint {
  readonly version: typeof CHECKPOINT_VERSION;
  readonly run_id: string;
  readonly pipeline: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly status: RunStatus;
  /** The last node that finished (spec §5.3). Empty before the first node finishes. */
  readonly current_node: string;
  /** Where execution continues on resume; absent once the run has ended successfully. */
  readonly next_node?: string;
  /** The in-flight execution of `next_node`, so a resumed run continues at the same attempt. */
  readonly current_attempt?: { readonly node: string; readonly attempt: number };
  /** Distinct node ids in order of first completion. */
  readonly completed_nodes: readonly string[];
  readonly node_outcomes: Readonly<Record<string, CheckpointNodeOutcome>>;
  /** Retries used per node over the whole run. */
  readonly node_retries: Readonly<Record<string, number>>;
  /** Executions started per node (for `max_visits`). */
  readonly visits: Readonly<Record<string, number>>;
  readonly context: Readonly<Record<string, unknown>>;
  readonly parallel?: PendingParallel;
  readonly restart_count: number;
  readonly failure_reason?: string;
  /** ISO 8601. */
  readonly timestamp: string;
}

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

/** Parses and checks a checkpoint document. Throws TrackerError('CHECKPOINT_INVALID') with the reason. */
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
  if (data['version'] !== CHECKPOINT_VERSION) {
    throw invalid(
      `unsupported version ${JSON.stringify(data['version'])} (this tracker reads version ${CHECKPOINT_VERSION})`
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
  return {
    ...(data as unknown as Checkpoint),
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
