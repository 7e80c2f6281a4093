/**
 * An event with its text made terminal-safe before the console renders it: every string field (node ids,
 * labels, answers, reasons, paths) and every string in a list field goes through `visible` as one line,
 * so a value can neither send control sequences nor start a line of its own. The output lines of failed
 * branches are left as they are: the tail renderer escapes and caps them.
 */
import { visible } from '../common/visible.js';
import type { FailedBranch, PipelineEvent } from '../ports/events.js';

function visibleBranch(branch: FailedBranch): FailedBranch {
  return {
    ...branch,
    branch: visible(branch.branch),
    ...(branch.nodeId === undefined ? {} : { nodeId: visible(branch.nodeId) }),
    ...(branch.reason === undefined ? {} : { reason: visible(branch.reason) })
  };
}

function visibleField(key: string, value: unknown): unknown {
  if (typeof value === 'string') return visible(value);
  if (!Array.isArray(value)) return value;
  if (key === 'failedBranches') return (value as FailedBranch[]).map(visibleBranch);
  let changed = false;
  const shown = value.map((item: unknown) => {
    if (typeof item !== 'string') return item;
    const text = visible(item);
    if (text !== item) changed = true;
    return text;
  });
  return changed ? shown : value;
}

export function visibleEvent(event: PipelineEvent): PipelineEvent {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(event)) {
    const shown = visibleField(key, value);
    if (shown === value) continue;
    copy ??= { ...event };
    copy[key] = shown;
  }
  return (copy ?? event) as PipelineEvent;
}
