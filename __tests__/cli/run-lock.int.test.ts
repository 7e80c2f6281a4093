/**
 * One owner per run directory (issue 9 item 1), with real CLI processes (dist/cli.js). Waits end on
 * events (a file appears, a process exits), bounded only by the test timeouts.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { processStartTime } from '../../src/runtime/run-lock.js';
import { runCli } from '../support/cli-harness.js';
import { waitUntilGone } from '../support/processes.js';
import { makeTempDir } from '../support/temp-dir.js';

const CLI = resolve(import.meta.dirname, '../../dist/cli.js');

// `slow` runs until the test creates `go`; `after` counts its executions.
const PIPELINE = `digraph lock {
  start [shape=Mdiamond];
  first [shape=parallelogram, tool_command="echo first"];
  slow [shape=parallelogram, tool_command="echo slow >> slow.count; touch slow.started; while [ ! -e go ]; do sleep 0.05; done"];
  done [shape=Msquare];
  start -> first -> slow -> done
}`;

interface Cli {
  readonly pid: number;
  readonly exit: Promise<number | null>;
  readonly exited: () => boolean;
  readonly stderr: () => string;
  kill(signal: NodeJS.Signals): void;
}

function cli(cwd: string, args: readonly string[]): Cli {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }
  });
  let stderr = '';
  let exited = false;
  child.stdout.resume();
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((r) =>
    child.on('exit', (code) => {
      exited = true;
      r(code);
    })
  );
  return {
    pid: child.pid!,
    exit,
    exited: () => exited,
    stderr: () => stderr,
    kill: (signal) => child.kill(signal)
  };
}

async function until(condition: () => boolean, orEnded: Cli): Promise<void> {
  while (!condition() && !orEnded.exited()) await new Promise((r) => setTimeout(r, 20));
  expect(condition()).toBe(true);
}

describe('run lock', () => {
  it('refuses a second process resuming a live run (exit 2, naming the pid); the first finishes unharmed', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), PIPELINE);
    const runDir = join(dir.path, '.tracker/runs/locked0001');
    const first = cli(dir.path, ['p.dot', '--run-id', 'locked0001']);
    await until(() => existsSync(join(dir.path, 'slow.started')), first);
    const lock = JSON.parse(readFileSync(join(runDir, '.lock'), 'utf8'));
    expect(lock).toMatchObject({
      pid: first.pid,
      command: expect.stringContaining('--run-id locked0001')
    });

    const second = cli(dir.path, ['-r', 'locked0001', 'p.dot']);
    expect(await second.exit).toBe(2);
    expect(second.stderr()).toContain(`in use by process ${first.pid}`);
    expect(second.stderr()).toContain(`since ${lock.since}`);
    expect(second.stderr()).toContain(`wait for it, or stop it with kill ${first.pid}`);
    // The same for a new run given the running run's directory.
    const third = cli(dir.path, ['p.dot', '--logs', runDir, '-c', join(runDir, 'checkpoint.json')]);
    expect(await third.exit).toBe(2);
    expect(third.stderr()).toContain(`kill ${first.pid}`);

    expect(first.exited()).toBe(false);
    writeFileSync(join(dir.path, 'go'), '');
    expect(await first.exit).toBe(0);
    expect(readFileSync(join(dir.path, 'slow.count'), 'utf8')).toBe('slow\n');
    expect(existsSync(join(runDir, '.lock'))).toBe(false);
  }, 30_000);

  it('takes over the lock a SIGKILLed owner left, on resume', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), PIPELINE);
    const runDir = join(dir.path, '.tracker/runs/killed0001');
    const first = cli(dir.path, ['p.dot', '--run-id', 'killed0001']);
    await until(() => existsSync(join(dir.path, 'slow.started')), first);
    first.kill('SIGKILL');
    await first.exit;
    expect(await waitUntilGone(first.pid, 5000)).toBe(true);
    expect(JSON.parse(readFileSync(join(runDir, '.lock'), 'utf8'))).toMatchObject({
      pid: first.pid
    });

    writeFileSync(join(dir.path, 'go'), '');
    const resumed = cli(dir.path, ['-r', 'killed0001', 'p.dot']);
    expect(await resumed.exit).toBe(0);
    expect(existsSync(join(runDir, '.lock'))).toBe(false);
  }, 30_000);

  it('takes over a lock whose pid is alive but started at another time (a reused pid)', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'p.dot'),
      PIPELINE.replace('while [ ! -e go ]; do sleep 0.05; done', 'true')
    );
    const runDir = join(dir.path, '.tracker/runs/reused0001');
    const first = cli(dir.path, ['p.dot', '--run-id', 'reused0001']);
    expect(await first.exit).toBe(0);
    // This test's own (live) pid, with a start time it never had.
    writeFileSync(
      join(runDir, '.lock'),
      JSON.stringify({
        pid: process.pid,
        start_time: '1',
        hostname: hostname(),
        command: 'x',
        since: 'then',
        token: 'old'
      })
    );
    const resumed = cli(dir.path, ['-r', 'reused0001', 'p.dot']);
    expect(await resumed.exit).toBe(0);
    expect(resumed.stderr()).not.toContain('in use');
    expect(existsSync(join(runDir, '.lock'))).toBe(false);
  }, 30_000);
});

describe('run lock of a child pipeline', () => {
  it("refuses to start a manager's child whose directory a live process owns, naming it", async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'child.dot'),
      `digraph child { start [shape=Mdiamond]; work [shape=parallelogram, tool_command="echo ran >> child.txt"]; done [shape=Msquare]; start -> work -> done }`
    );
    writeFileSync(
      join(dir.path, 'parent.dot'),
      `digraph parent { graph [stack.child_dotfile="child.dot"] start [shape=Mdiamond]; boss [shape=house, max_cycles=100000, poll_interval="20ms"]; done [shape=Msquare]; start -> boss -> done }`
    );
    const childDir = join(dir.path, '.tracker/runs/parent000002/boss/child');
    mkdirSync(childDir, { recursive: true });
    // A live owner: this very process (the CLI runs in-process here), with its real start time.
    writeFileSync(
      join(childDir, '.lock'),
      JSON.stringify({
        pid: process.pid,
        start_time: processStartTime(process.pid),
        hostname: hostname(),
        command: 'tracker -r other',
        since: '2026-01-01T00:00:00.000Z',
        token: 'someone-else'
      })
    );
    const r = await runCli(['parent.dot', '--run-id', 'parent000002'], { cwd: dir.path });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`in use by process ${process.pid}`);
    expect(existsSync(join(dir.path, 'child.txt'))).toBe(false);
    // The other owner's lock is left alone.
    expect(JSON.parse(readFileSync(join(childDir, '.lock'), 'utf8')).token).toBe('someone-else');
  }, 30_000);
});
