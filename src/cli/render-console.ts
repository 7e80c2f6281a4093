/**
 * Plain console rendering of engine events (`--no-tui`): one line per stage start/end with status,
 * duration and retry information. Pure formatting; the sink writes the lines.
 */
import type { FailedBranch, PipelineEvent } from '../ports/events.js';
import type { EventSink } from '../ports/event-sink.js';
import { visibleJson } from '../common/visible.js';
import { formatOutputTail } from './render-tail.js';
import { visibleEvent } from '../runtime/visible-event.js';
import { formatDuration } from '../common/format-duration.js';

/** Measured times (how long a stage or the run took), rounded for reading. */
function elapsed(ms: number): string {
  return formatDuration(ms, { approximate: true });
}

const ICON: Readonly<Record<string, string>> = {
  success: '✓',
  partial_success: '◐',
  fail: '✗',
  retry: '↻',
  skipped: '⊘',
  cancelled: '⊘'
};

/** The failed branches behind a failed parallel or fan-in node: node, reason, last output lines. */
export function formatFailedBranches(branches: readonly FailedBranch[]): string {
  return branches
    .map((b) => {
      const head = `    ✗ branch ${b.branch}${b.nodeId ? ` failed at '${b.nodeId}'` : ' failed'}${b.reason ? `: ${b.reason}` : ''}`;
      const tails = (b.output ?? []).map(
        (o) => `\n${formatOutputTail(`${b.nodeId ?? b.branch}/${o.file}`, o.lines, '      ')}`
      );
      return head + tails.join('');
    })
    .join('\n');
}

export interface ConsoleRenderOptions {
  /** Only failures, retries and the final line. */
  readonly quiet?: boolean;
}

export interface ConsoleSinkOptions extends ConsoleRenderOptions {
  /**
   * Start the stop line on a fresh line: on a terminal, Ctrl-C echoes `^C` where the cursor is, and
   * the line would land after it (`^C■ Pipeline stopped…`). Set when stderr is a TTY.
   */
  readonly freshStopLine?: boolean;
}

/** One event as console text; every value taken from the event is made visible (`visibleEvent`). */
export function formatEvent(
  event: PipelineEvent,
  options: ConsoleRenderOptions = {}
): string | undefined {
  event = visibleEvent(event);
  const where = (nodeId: string, branch?: string): string =>
    branch ? `${branch.split('/')[0]}/${nodeId}` : nodeId;
  switch (event.type) {
    case 'pipeline.started':
      return options.quiet
        ? undefined
        : `${event.resumed ? 'Resuming' : 'Running'} pipeline '${event.pipeline}' (run ${event.runId}, ${event.nodeCount} nodes)\n  run dir: ${event.runDir}`;
    case 'stage.started':
      if (options.quiet) return undefined;
      return `  → ${where(event.nodeId, event.branch)} [${event.handlerType}]${event.attempt > 1 ? ` attempt ${event.attempt}/${event.maxAttempts}` : ''}`;
    case 'stage.completed': {
      if (options.quiet && event.status !== 'fail') return undefined;
      const detail =
        event.status === 'fail'
          ? `  ${event.failureReason ?? ''}`
          : (event.status === 'partial_success' || event.status === 'skipped') && event.notes
            ? `  ${event.notes}`
            : '';
      return `  ${ICON[event.status] ?? '?'} ${where(event.nodeId, event.branch)} ${event.status} in ${elapsed(event.durationMs)}${detail}`;
    }
    case 'stage.retrying':
      return `  ↻ ${where(event.nodeId, event.branch)} retrying (attempt ${event.attempt}/${event.maxAttempts}) in ${elapsed(event.delayMs)}: ${event.reason}`;
    case 'parallel.started':
      return options.quiet
        ? undefined
        : `  ⇉ ${event.nodeId}: ${event.branches.length} branches (${event.branches.join(', ')}), max_parallel=${event.maxParallel}`;
    case 'parallel.completed':
      return options.quiet
        ? undefined
        : `  ⇇ ${event.nodeId}: ${event.successCount} succeeded, ${event.failureCount} failed${event.cancelledCount ? `, ${event.cancelledCount} cancelled or not started` : ''} in ${elapsed(event.durationMs)}`;
    case 'gate.waiting':
      return undefined;
    case 'gate.answered':
      return options.quiet
        ? undefined
        : `  ☞ ${event.nodeId}: ${event.timedOut ? 'timed out → ' : ''}${event.answer}${event.actor ? ` (by ${event.actor})` : ''}`;
    case 'goal_gate.unsatisfied':
      return `  ⚑ goal gate '${event.nodeId}' is ${event.status}${event.retryTarget ? `; retrying from '${event.retryTarget}'` : '; no retry target'}`;
    case 'loop.restarted':
      return `  ⟲ loop restart #${event.restart} at '${event.target}' (fresh context)`;
    case 'warning':
      return `  ! ${event.nodeId ? `${event.nodeId}: ` : ''}${event.message}`;
    case 'stage.output':
      return options.quiet || !event.truncated
        ? undefined
        : `  … ${event.nodeId} ${event.stream}: ${event.totalBytes} bytes, kept the last part in context`;
    case 'pipeline.completed':
      return (
        `✓ Pipeline succeeded in ${elapsed(event.durationMs)} (${event.completedNodes} nodes completed)` +
        handledText(event.handledFailures)
      );
    case 'pipeline.failed':
      return (
        `✗ Pipeline failed${event.nodeId ? ` at '${event.nodeId}'` : ''} after ${elapsed(event.durationMs)}: ${event.reason}` +
        (event.failedBranches?.length ? `\n${formatFailedBranches(event.failedBranches)}` : '')
      );
    case 'pipeline.stopped':
      return `■ Pipeline stopped${event.nodeId ? ` during '${event.nodeId}'` : ''} after ${elapsed(event.durationMs)}: ${event.reason}`;
    case 'edge.selected':
    case 'checkpoint.saved':
    case 'parallel.branch_completed':
      return undefined;
  }
}

/** `, 1 failure handled: test → notify_fail` for a run that routed on from failed stages. */
function handledText(handled: readonly { nodeId: string; to?: string }[] | undefined): string {
  if (!handled?.length) return '';
  const list = handled.map((h) => (h.to === undefined ? h.nodeId : `${h.nodeId} → ${h.to}`));
  return `, ${handled.length} failure${handled.length === 1 ? '' : 's'} handled: ${list.join(', ')}`;
}

/** Progress goes to `write`; the final failure or stop line goes to `writeError` (stderr). */
export class ConsoleSink implements EventSink {
  constructor(
    private readonly write: (text: string) => void,
    private readonly options: ConsoleSinkOptions = {},
    private readonly writeError: (text: string) => void = write
  ) {}

  emit(event: PipelineEvent): void {
    const line = formatEvent(event, this.options);
    if (line === undefined) return;
    if (event.type === 'pipeline.stopped')
      this.writeError((this.options.freshStopLine ? '\n' : '') + line + '\n');
    else if (event.type === 'pipeline.failed') this.writeError(line + '\n');
    else this.write(line + '\n');
  }
}

/** `--json`: one JSON object per event on stdout. */
export class NdjsonSink implements EventSink {
  constructor(private readonly write: (text: string) => void) {}

  emit(event: PipelineEvent): void {
    this.write(visibleJson(event) + '\n');
  }
}
