/**
 * Console rendering of events is terminal-safe: values from the pipeline or a tool (node ids, labels,
 * answers, reasons, output lines) are made visible and cannot start a line of their own, and a failed
 * branch's output lines are capped in width. `--json` stays valid JSON without raw C1 controls.
 */
import { describe, expect, it } from '@jest/globals';
import { NdjsonSink, formatEvent } from '../../src/cli/render-console.js';
import { TAIL_LINE_WIDTH, formatOutputTail } from '../../src/cli/render-tail.js';
import type { PipelineEvent } from '../../src/ports/events.js';
import { RAW_CONTROL } from '../support/control-chars.js';

const base = { ts: 0, runId: 'r1', seq: 1 };

describe('formatEvent: values made visible', () => {
  it.each<[string, PipelineEvent, string]>([
    [
      'a node id',
      {
        ...base,
        type: 'stage.started',
        nodeId: 'w\u001b[2J',
        handlerType: 'tool',
        label: 'x',
        attempt: 1,
        maxAttempts: 1
      },
      '  → w\\x1b[2J [tool]'
    ],
    [
      'a failure reason with a forged line',
      {
        ...base,
        type: 'stage.completed',
        nodeId: 't',
        handlerType: 'tool',
        status: 'fail',
        attempt: 1,
        durationMs: 5,
        failureReason: 'exit code 1: \u001b]0;PWNED\u0007\n✓ Pipeline succeeded'
      },
      '  ✗ t fail in 5ms  exit code 1: \\x1b]0;PWNED\\x07\\n✓ Pipeline succeeded'
    ],
    [
      'a gate answer and actor',
      {
        ...base,
        type: 'gate.answered',
        nodeId: 'g',
        answer: 'Yes\u009b2J',
        actor: 'me\r',
        timedOut: false,
        durationMs: 1
      },
      '  ☞ g: Yes\\x9b2J (by me\\r)'
    ],
    [
      'the parallel branches',
      {
        ...base,
        type: 'parallel.started',
        nodeId: 'f',
        branches: ['a\u0007', 'b'],
        maxParallel: 2
      },
      '  ⇉ f: 2 branches (a\\x07, b), max_parallel=2'
    ]
  ])('%s', (_what, event, line) => {
    expect(formatEvent(event)).toBe(line);
  });

  it('keeps the failure summary on its own lines and caps a failed branch output line', () => {
    const long = '\u001b[31m' + 'x'.repeat(2 * TAIL_LINE_WIDTH) + 'END';
    const text =
      formatEvent({
        ...base,
        type: 'pipeline.failed',
        durationMs: 1,
        reason: 'boom',
        nodeId: 'fork',
        failedBranches: [
          {
            branch: 'b1',
            nodeId: 'b1\u001b',
            reason: 'exit 2',
            output: [{ file: 'stderr.log', lines: ['compiling\u0007', long] }]
          }
        ]
      }) ?? '';
    expect(text).not.toMatch(RAW_CONTROL);
    const lines = text.split('\n');
    expect(lines).toEqual([
      "✗ Pipeline failed at 'fork' after 1ms: boom",
      "    ✗ branch b1 failed at 'b1\\x1b': exit 2",
      '      last lines of b1\\x1b/stderr.log:',
      '        │ compiling\\x07',
      `        │ … (${TAIL_LINE_WIDTH + 8} more characters) ${'x'.repeat(TAIL_LINE_WIDTH - 3)}END`
    ]);
  });
});

describe('formatOutputTail', () => {
  it('prints short plain lines unchanged', () => {
    expect(formatOutputTail('t/stderr.log', ['one', 'two'], '  ')).toBe(
      '  last lines of t/stderr.log:\n    │ one\n    │ two'
    );
  });
});

describe('NdjsonSink', () => {
  it('writes JSON without raw C1 controls, with the same value', () => {
    let text = '';
    const event: PipelineEvent = {
      ...base,
      type: 'warning',
      nodeId: 'n\u009b',
      message: 'bidi \u202e and DEL \u007f'
    };
    new NdjsonSink((t) => (text += t)).emit(event);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).not.toContain('\u202e');
    expect(JSON.parse(text)).toEqual(event);
  });
});
