/** A tool stage's outcome, decided in order: could not start, timed out, status.json, auto_status, exit code. */
import { describe, expect, it } from '@jest/globals';
import { toolOutcome } from '../../src/handlers/tool-outcome.js';
import type { ProcessResult } from '../../src/ports/process-runner.js';
import type { Outcome } from '../../src/ports/outcome.js';
import { processResult, tailOf } from '../support/fake-process-runner.js';
import { nodeOf } from '../support/node-of.js';

async function outcomeOf(
  result: Partial<ProcessResult>,
  status: string | undefined,
  attrs: Record<string, string> = {}
): Promise<{ outcome: Outcome; statusRead: boolean }> {
  let statusRead = false;
  const outcome = await toolOutcome({
    node: nodeOf('build', { tool_command: 'make', ...attrs }),
    settings: {
      command: 'make',
      cwd: '/w',
      tailBytes: 1024,
      clamped: false,
      timeoutMs: 1500,
      timeoutText: '1.5s'
    },
    result: processResult(result),
    updates: { 'tool.exit_code': result.exitCode ?? 0 },
    readStatus: () => {
      statusRead = true;
      return Promise.resolve(status);
    },
    statusPath: '/runs/r/build/status.json'
  });
  return { outcome, statusRead };
}

describe('toolOutcome', () => {
  it.each<
    [
      string,
      Partial<ProcessResult>,
      string | undefined,
      Record<string, string>,
      Partial<Outcome>,
      boolean
    ]
  >([
    [
      'a command that could not start fails for good, status.json unread',
      { spawnError: 'ENOENT', exitCode: null },
      '{"outcome":"success"}',
      {},
      {
        status: 'fail',
        retryable: false,
        failureReason: 'could not start the tool command: ENOENT'
      },
      false
    ],
    [
      'a timeout fails (retryable), status.json unread',
      { timedOut: true, exitCode: null, signal: 'SIGKILL' },
      '{"outcome":"success"}',
      {},
      {
        status: 'fail',
        failureReason: 'timed out after 1s500ms (timeout=1.5s); the process group was killed'
      },
      false
    ],
    [
      'status.json wins over the exit code',
      { exitCode: 3 },
      '{"outcome":"partial_success","notes":"half"}',
      {},
      { status: 'partial_success', notes: 'half' },
      true
    ],
    [
      'status.json that is not JSON fails for good',
      { exitCode: 0 },
      '{nope',
      {},
      { status: 'fail', retryable: false },
      true
    ],
    [
      'auto_status succeeds without status.json',
      { exitCode: 7 },
      undefined,
      { auto_status: 'true' },
      { status: 'success', autoStatus: true },
      true
    ],
    [
      'exit 0 succeeds',
      { exitCode: 0 },
      undefined,
      {},
      { status: 'success', notes: 'Tool completed: exit 0' },
      true
    ],
    [
      'a non-zero exit fails with the last stderr line',
      { exitCode: 2, stderr: tailOf('warming up\nno rule to make target\n') },
      undefined,
      {},
      { status: 'fail', failureReason: 'exit code 2: no rule to make target' },
      true
    ],
    [
      'a signal fails',
      { exitCode: null, signal: 'SIGSEGV' },
      undefined,
      {},
      { status: 'fail', failureReason: 'killed by signal SIGSEGV' },
      true
    ]
  ])('%s', async (_rule, result, status, attrs, expected, read) => {
    const { outcome, statusRead } = await outcomeOf(result, status, attrs);
    expect(outcome).toMatchObject(expected);
    expect(outcome.contextUpdates).toMatchObject({ 'tool.exit_code': result.exitCode ?? 0 });
    expect(statusRead).toBe(read);
  });
});
