/**
 * The Action's rendering of engine events: one log line per stage start and end (core.info), warnings as
 * warning annotations. Formatting is pure (`formatActionEvent`); the sink writes through @actions/core.
 */
import * as core from '@actions/core';
import { formatDuration } from '../common/format-duration.js';
import { visibleEvent } from '../runtime/visible-event.js';
import type { EventSink } from '../ports/event-sink.js';
import type { PipelineEvent } from '../ports/events.js';

export interface ActionLine {
  readonly level: 'info' | 'warning';
  readonly text: string;
}

const STATUS_ICON: Readonly<Record<string, string>> = {
  success: '✓',
  partial_success: '◐',
  fail: '✗',
  retry: '↻',
  skipped: '⊘'
};

/** One log line per event; values from the pipeline and its stages are made visible first. */
export function formatActionEvent(raw: PipelineEvent): ActionLine | undefined {
  const event = visibleEvent(raw);
  const info = (text: string): ActionLine => ({ level: 'info', text });
  const at = (nodeId: string, branch?: string): string =>
    branch ? `${branch.split('/')[0]}/${nodeId}` : nodeId;
  switch (event.type) {
    case 'pipeline.started':
      return info(
        `${event.resumed ? 'Resuming' : 'Running'} pipeline '${event.pipeline}' (run ${event.runId}, ${event.nodeCount} nodes) in ${event.runDir}`
      );
    case 'stage.started':
      return info(
        `→ ${at(event.nodeId, event.branch)} [${event.handlerType}]${event.attempt > 1 ? ` attempt ${event.attempt}/${event.maxAttempts}` : ''}`
      );
    case 'stage.completed':
      return info(
        `${STATUS_ICON[event.status] ?? '?'} ${at(event.nodeId, event.branch)} ${event.status} in ${formatDuration(event.durationMs, { approximate: true })}${event.failureReason ? `: ${event.failureReason}` : ''}`
      );
    case 'stage.retrying':
      return info(
        `↻ ${at(event.nodeId, event.branch)} retrying (attempt ${event.attempt}/${event.maxAttempts}) in ${formatDuration(event.delayMs)}: ${event.reason}`
      );
    case 'gate.answered':
      return info(
        `☞ ${event.nodeId}: ${event.timedOut ? 'timed out → ' : ''}${event.answer}${event.actor ? ` (by ${event.actor})` : ''}`
      );
    case 'goal_gate.unsatisfied':
      return info(
        `⚑ goal gate '${event.nodeId}' is ${event.status}${event.retryTarget ? `; retrying from '${event.retryTarget}'` : ''}`
      );
    case 'loop.restarted':
      return info(`⟲ loop restart #${event.restart} at '${event.target}'`);
    case 'warning':
      return {
        level: 'warning',
        text: `${event.nodeId ? `${event.nodeId}: ` : ''}${event.message}`
      };
    case 'pipeline.completed':
      return info(
        `✓ Pipeline succeeded in ${formatDuration(event.durationMs, { approximate: true })} (${event.completedNodes} nodes completed)`
      );
    case 'pipeline.failed':
      return info(
        `✗ Pipeline failed${event.nodeId ? ` at '${event.nodeId}'` : ''} after ${formatDuration(event.durationMs, { approximate: true })}: ${event.reason}`
      );
    case 'pipeline.stopped':
      return info(
        `■ Pipeline stopped${event.nodeId ? ` during '${event.nodeId}'` : ''} after ${formatDuration(event.durationMs, { approximate: true })}: ${event.reason}`
      );
    case 'parallel.started':
    case 'parallel.completed':
    case 'parallel.branch_completed':
    case 'gate.waiting':
    case 'stage.output':
    case 'edge.selected':
    case 'checkpoint.saved':
      return undefined;
  }
}

export class ActionEventSink implements EventSink {
  emit(event: PipelineEvent): void {
    const line = formatActionEvent(event);
    if (line === undefined) return;
    if (line.level === 'warning') core.warning(line.text, { title: 'tracker' });
    else core.info(line.text);
  }
}
