import { describe, expect, it } from '@jest/globals';
import { formatActionEvent } from '../../src/action/render-events.js';

const base = { ts: 0, runId: 'r1', seq: 1 };

describe('formatActionEvent', () => {
  it.each([
    [
      {
        type: 'stage.started',
        nodeId: 'build',
        handlerType: 'tool',
        label: 'b',
        attempt: 2,
        maxAttempts: 3
      },
      { level: 'info', text: '→ build [tool] attempt 2/3' }
    ],
    [
      {
        type: 'stage.completed',
        nodeId: 'test',
        branch: 'fork/test',
        handlerType: 'tool',
        status: 'fail',
        attempt: 1,
        durationMs: 1500,
        failureReason: 'exit code 2'
      },
      { level: 'info', text: '✗ fork/test fail in 1.50s: exit code 2' }
    ],
    [
      { type: 'warning', nodeId: 'build', message: 'runs again with a fresh retry budget' },
      { level: 'warning', text: 'build: runs again with a fresh retry budget' }
    ],
    [
      { type: 'pipeline.failed', nodeId: 'test', durationMs: 60_000, reason: 'boom' },
      { level: 'info', text: "✗ Pipeline failed at 'test' after 1m00s: boom" }
    ]
  ])('renders %j', (event, line) => {
    expect(formatActionEvent({ ...base, ...event } as never)).toEqual(line);
  });

  it('leaves out bookkeeping events', () => {
    expect(formatActionEvent({ ...base, type: 'checkpoint.saved', nodeId: 'a' })).toBeUndefined();
  });
});
