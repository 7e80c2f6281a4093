/**
 * How a stop ends (issue 9 item 7): a second Ctrl-C while the run stops still exits 3 with the
 * checkpoint saved (not Node's default 130), and on a terminal the stop line starts on a fresh line.
 * Waits end on events (a file appears, a process exits), bounded only by the test timeouts.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const CLI = resolve(import.meta.dirname, '../../dist/cli.js');

async function until(condition: () => boolean, orEnded: () => boolean): Promise<void> {
  while (!condition() && !orEnded()) await new Promise((r) => setTimeout(r, 20));
  expect(condition()).toBe(true);
}

describe('stopping', () => {
  it('two SIGINTs (the second while the run is stopping) exit 3 with the checkpoint saved', async () => {
    await using dir = await makeTempDir();
    // `slow` takes its time to stop: on SIGTERM it waits for `go`, so the CLI is still stopping.
    writeFileSync(
      join(dir.path, 'p.dot'),
      `digraph s { start [shape=Mdiamond]; slow [shape=parallelogram, tool_command="trap 'touch term.got; while [ ! -e go ]; do sleep 0.05; done; exit 1' TERM; touch slow.started; while true; do sleep 0.05; done"]; done [shape=Msquare]; start -> slow -> done }`
    );
    const child = spawn(process.execPath, [CLI, 'p.dot', '--run-id', 'twice00001'], {
      cwd: dir.path,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }
    });
    child.stdout.resume();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let exited = false;
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.on('exit', (code, signal) => {
        exited = true;
        r({ code, signal });
      })
    );
    await until(
      () => existsSync(join(dir.path, 'slow.started')),
      () => exited
    );
    child.kill('SIGINT');
    await until(
      () => existsSync(join(dir.path, 'term.got')),
      () => exited
    );
    child.kill('SIGINT');
    // Give the second signal time to land while the tool still holds the stop up.
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(join(dir.path, 'go'), '');
    expect(await exit).toEqual({ code: 3, signal: null });
    expect(stderr).toContain('tracker -c .tracker/runs/twice00001/checkpoint.json p.dot');
    const checkpoint = JSON.parse(
      readFileSync(join(dir.path, '.tracker/runs/twice00001/checkpoint.json'), 'utf8')
    );
    expect(checkpoint).toMatchObject({ status: 'stopped', next_node: 'slow' });
  }, 30_000);

  it.each([
    [true, '\n■ Pipeline stopped'],
    [false, '■ Pipeline stopped']
  ])(
    'with stderr a TTY (%s) the stop line starts %j',
    async (tty, start) => {
      await using dir = await makeTempDir();
      writeFileSync(
        join(dir.path, 'p.dot'),
        `digraph s { start [shape=Mdiamond]; slow [shape=parallelogram, tool_command="touch slow.started; sleep 30"]; done [shape=Msquare]; start -> slow -> done }`
      );
      const controller = new AbortController();
      let ended = false;
      const run = runCli(['p.dot', '--run-id', 'fresh00001'], {
        cwd: dir.path,
        signal: controller.signal,
        stderrIsTTY: tty
      }).finally(() => (ended = true));
      await until(
        () => existsSync(join(dir.path, 'slow.started')),
        () => ended
      );
      controller.abort(new Error('SIGINT'));
      const { code, stderr } = await run;
      expect(code).toBe(3);
      expect(stderr.startsWith(start)).toBe(true);
      expect(stderr.startsWith('\n\n')).toBe(false);
    },
    30_000
  );
});
