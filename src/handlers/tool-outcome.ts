/**
 * A tool stage's outcome (docs/tool-nodes.md): a status.json the command wrote wins; then auto_status;
 * then the exit code. Also the context updates every finished command leaves, and the wording of
 * failures (the last stderr line, a hook that failed, a stop).
 */
import { errorMessage } from '../common/errors.js';
import { formatDuration } from '../common/format-duration.js';
import { outcomeFromStatusJson } from '../engine/outcome.js';
import type { GraphNode } from '../graph/graph.js';
import { getBoolean } from '../graph/values.js';
import type { Outcome } from '../ports/outcome.js';
import type { ProcessResult, StreamTail } from '../ports/process-runner.js';
import type { ToolSettings } from './tool-settings.js';

const REASON_LINE_CHARS = 300;
const UTF8 = new TextEncoder();

/** The last line of a stream, capped, for a failure reason. */
export function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  const line = (lines[lines.length - 1] ?? '').trim();
  return line.length > REASON_LINE_CHARS ? line.slice(0, REASON_LINE_CHARS) + '…' : line;
}

/** A tail for the context: right-trimmed, with a marker line when earlier output was dropped. */
function contextText(tail: StreamTail, file: string): string {
  const text = tail.text.trimEnd();
  if (!tail.truncated) return text;
  const dropped = tail.totalBytes - UTF8.encode(tail.text).length;
  return `[... ${dropped} earlier bytes truncated; full output in ${file} ...]\n${text}`;
}

/** What a finished command puts in the context, whatever its outcome. */
export function toolContextUpdates(
  result: ProcessResult,
  files: { readonly stdout: string; readonly stderr: string }
): Record<string, unknown> {
  return {
    tool_stdout: contextText(result.stdout, files.stdout),
    tool_stderr: contextText(result.stderr, files.stderr),
    'tool.output': result.stdout.text.trimEnd(),
    'tool.exit_code': result.exitCode
  };
}

/** The run was cancelled while the command (or a hook) ran. */
export function stoppedOutcome(): Outcome {
  return {
    status: 'fail',
    failureReason: 'stopped: the run was cancelled; the process group was killed',
    retryable: false
  };
}

export function describeHookFailure(result: ProcessResult): string {
  if (result.spawnError !== undefined) return `could not start (${result.spawnError})`;
  if (result.timedOut) return 'timed out';
  if (result.exitCode === null) return `was killed by signal ${result.signal ?? 'unknown'}`;
  return `exited ${result.exitCode}`;
}

export interface ToolResult {
  readonly node: GraphNode;
  readonly settings: ToolSettings;
  readonly result: ProcessResult;
  readonly updates: Record<string, unknown>;
  /** Reads the status.json the command wrote (undefined when it wrote none). */
  readonly readStatus: () => Promise<string | undefined>;
  /** Its absolute path, for messages. */
  readonly statusPath: string;
}

/** The outcome of a command that ran (or could not start). */
export async function toolOutcome(run: ToolResult): Promise<Outcome> {
  const { node, settings, result, updates } = run;
  if (result.spawnError !== undefined) {
    return {
      status: 'fail',
      failureReason: `could not start the tool command: ${result.spawnError}`,
      retryable: false,
      contextUpdates: updates
    };
  }
  if (result.timedOut) {
    const limit = settings.timeoutMs ?? 0;
    return {
      status: 'fail',
      failureReason: `timed out after ${formatDuration(limit)} (timeout=${settings.timeoutText ?? formatDuration(limit)}); the process group was killed`,
      contextUpdates: updates
    };
  }
  const exitText =
    result.exitCode === null ? `signal ${result.signal ?? 'unknown'}` : `exit ${result.exitCode}`;
  const statusText = await run.readStatus();
  if (statusText !== undefined) return declaredOutcome(run, statusText, exitText);

  if (getBoolean(node.attrs, 'auto_status') === true) {
    return {
      status: 'success',
      autoStatus: true,
      notes: `auto_status synthesized success: the tool wrote no status.json (tool ${exitText})`,
      contextUpdates: updates
    };
  }
  if (result.exitCode === 0)
    return { status: 'success', notes: 'Tool completed: exit 0', contextUpdates: updates };
  if (result.exitCode === null) {
    return {
      status: 'fail',
      failureReason: `killed by signal ${result.signal ?? 'unknown'}`,
      contextUpdates: updates
    };
  }
  const detail = lastLine(result.stderr.text);
  return {
    status: 'fail',
    failureReason: `exit code ${result.exitCode}${detail ? `: ${detail}` : ''}`,
    contextUpdates: updates
  };
}

/** The outcome a status.json declares; one that is not valid JSON or not an outcome is a terminal FAIL. */
function declaredOutcome(run: ToolResult, statusText: string, exitText: string): Outcome {
  const { node, updates, statusPath } = run;
  let parsed: unknown;
  try {
    parsed = JSON.parse(statusText);
  } catch (error) {
    return {
      status: 'fail',
      failureReason: `Tool node '${node.id}' wrote ${statusPath}, which is not valid JSON (${errorMessage(error)}). Write an object like {"outcome":"success"}.`,
      retryable: false,
      contextUpdates: updates
    };
  }
  const declared = outcomeFromStatusJson(parsed);
  if (typeof declared === 'string') {
    return {
      status: 'fail',
      failureReason: `Tool node '${node.id}' wrote an invalid ${statusPath}: ${declared}.`,
      retryable: false,
      contextUpdates: updates
    };
  }
  const merged: Record<string, unknown> = { ...declared.contextUpdates, ...updates };
  return {
    ...declared,
    contextUpdates: merged,
    notes: declared.notes ?? `status.json declared ${declared.status} (tool ${exitText})`
  };
}
