/**
 * The CLI starts tool commands through the process helper (decision 0007), or from tracker itself with
 * TRACKER_PROCESS_HELPER=0. A command's parent process tells which one started it.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const PIPELINE = `digraph parent { start [shape=Mdiamond]; done [shape=Msquare]
  who [shape=parallelogram, tool_command="echo $PPID"]
  start -> who -> done }`;

async function parentOfCommand(env: Record<string, string>): Promise<number> {
  await using dir = await makeTempDir();
  writeFileSync(join(dir.path, 'p.dot'), PIPELINE);
  const result = await runCli(['p.dot', '--no-tui', '-q', '--run-id', 'ppid'], {
    cwd: dir.path,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env }
  });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return Number(readFileSync(join(dir.path, '.tracker/runs/ppid/who/tool_output.txt'), 'utf8'));
}

describe('where the CLI starts tool commands', () => {
  it('starts them from the process helper by default', async () => {
    const parent = await parentOfCommand({});
    expect(parent).toBeGreaterThan(0);
    expect(parent).not.toBe(process.pid);
    // The helper has gone with the run.
    expect(() => process.kill(parent, 0)).toThrow();
  });

  it('starts them from tracker itself with TRACKER_PROCESS_HELPER=0', async () => {
    expect(await parentOfCommand({ TRACKER_PROCESS_HELPER: '0' })).toBe(process.pid);
  });
});
