/**
 * The CLI starts tool commands through the process helper (decision 0007) — from tracker itself while
 * the helper starts — or always from tracker with TRACKER_PROCESS_HELPER=0. A command's parent process
 * tells which one started it.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * `who` records its parent and succeeds once that is not tracker (the helper is up); until then it
 * fails and goes round again.
 */
const PIPELINE = `digraph parent { start [shape=Mdiamond]; done [shape=Msquare]
  who [shape=parallelogram, max_visits=1000,
       tool_command="echo $PPID >> \\"$TRACKER_RUN_DIR/parents\\"; sleep 0.02; test $PPID != $TRACKER_TEST_PID"]
  start -> who
  who -> who [condition="outcome=fail"]
  who -> done [condition="outcome=success"] }`;

/** One command recording its parent. */
const ONCE = `digraph parent { start [shape=Mdiamond]; done [shape=Msquare]
  who [shape=parallelogram, tool_command="echo $PPID >> \\"$TRACKER_RUN_DIR/parents\\""]
  start -> who -> done }`;

async function parentsOfCommands(
  pipeline: string,
  env: Record<string, string> = {}
): Promise<number[]> {
  await using dir = await makeTempDir();
  writeFileSync(join(dir.path, 'p.dot'), pipeline);
  const result = await runCli(['p.dot', '--no-tui', '-q', '--run-id', 'ppid'], {
    cwd: dir.path,
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      TRACKER_TEST_PID: String(process.pid),
      ...env
    }
  });
  const parents = readFileSync(join(dir.path, '.tracker/runs/ppid/parents'), 'utf8');
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return parents.trim().split('\n').map(Number);
}

describe('where the CLI starts tool commands', () => {
  it('from tracker while the process helper starts, then from the helper', async () => {
    const parents = await parentsOfCommands(PIPELINE);
    // The first command did not wait for the helper to boot.
    expect(parents[0]).toBe(process.pid);
    const last = parents.at(-1) ?? 0;
    expect(last).toBeGreaterThan(0);
    expect(last).not.toBe(process.pid);
    expect(parents.slice(0, -1).every((p) => p === process.pid)).toBe(true);
    // The helper has gone with the run.
    expect(() => process.kill(last, 0)).toThrow();
  });

  it('from tracker itself with TRACKER_PROCESS_HELPER=0', async () => {
    expect(await parentsOfCommands(ONCE, { TRACKER_PROCESS_HELPER: '0' })).toEqual([process.pid]);
  });
});
