/**
 * Behaviour that needs a real process: signals, and manager-loop child pipelines on disk. Nothing here
 * depends on how fast the machine is: waits end on events (a file appears, a process exits), bounded only
 * by the test timeouts.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const CLI = resolve(import.meta.dirname, '../../dist/cli.js');

describe('signals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s stops the running tool, saves the checkpoint and exits 3',
    async (signal) => {
      await using dir = await makeTempDir();
      writeFileSync(
        join(dir.path, 'p.dot'),
        `digraph s { start [shape=Mdiamond]; first [shape=parallelogram, tool_command="echo first"]; slow [shape=parallelogram, tool_command="echo $$ > slow.pid; sleep 60"]; done [shape=Msquare]; start -> first -> slow -> done }`
      );
      const child = spawn(process.execPath, [CLI, 'p.dot', '--run-id', 'signalled001'], {
        cwd: dir.path,
        stdio: ['ignore', 'pipe', 'pipe']
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      let exited = false;
      const exit = new Promise<number | null>((r) =>
        child.on('exit', (c) => {
          exited = true;
          r(c);
        })
      );
      const pidFile = join(dir.path, 'slow.pid');
      // Until `slow` has started (or the CLI has ended, which fails the next line).
      while (!existsSync(pidFile) && !exited) await new Promise((r) => setTimeout(r, 20));
      expect(existsSync(pidFile)).toBe(true);
      child.kill(signal);
      // Waiting out `sleep 60` would exceed this test's timeout: the stop has to end the tool.
      expect(await exit).toBe(3);
      expect(stderr).toContain('tracker -c .tracker/runs/signalled001/checkpoint.json p.dot');
      const toolPid = Number(readFileSync(pidFile, 'utf8'));
      expect(() => process.kill(toolPid, 0)).toThrow();
      const checkpoint = JSON.parse(
        readFileSync(join(dir.path, '.tracker/runs/signalled001/checkpoint.json'), 'utf8')
      );
      expect(checkpoint).toMatchObject({
        status: 'stopped',
        next_node: 'slow',
        completed_nodes: ['start', 'first']
      });
    },
    20_000
  );
});

describe('manager loop with a child pipeline file', () => {
  // The cycle budget (100000 × 20 ms) is far beyond the test timeout: the manager ends when the child
  // does, however long the child takes to start on a loaded machine.
  it('runs the child in <run>/<manager>/child and succeeds when it does', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'child.dot'),
      `digraph child { start [shape=Mdiamond]; work [shape=parallelogram, tool_command="echo child-ran > child.txt"]; done [shape=Msquare]; start -> work -> done }`
    );
    writeFileSync(
      join(dir.path, 'parent.dot'),
      `digraph parent { graph [stack.child_dotfile="child.dot"] start [shape=Mdiamond]; boss [shape=house, max_cycles=100000, poll_interval="20ms"]; done [shape=Msquare]; start -> boss -> done }`
    );
    const r = await runCli(['parent.dot', '--run-id', 'parent000001'], { cwd: dir.path });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir.path, 'child.txt'), 'utf8')).toBe('child-ran\n');
    const childCheckpoint = JSON.parse(
      readFileSync(join(dir.path, '.tracker/runs/parent000001/boss/child/checkpoint.json'), 'utf8')
    );
    expect(childCheckpoint.status).toBe('success');
  });
});
