/**
 * Real SIGKILL and resume of the CLI inside parallel blocks: a failed branch stays failed (H2), a nested
 * block's finished inner branches do not run again (M4), and a branch node killed during attempt 2 resumes
 * at attempt 2 (M5). Runs the CLI from src through tsx (dist/ is rebuilt separately).
 *
 * No real sleeps: a stage that must still be running when the CLI is killed waits at a gate the test
 * opens, and the test waits for the gated shells (the killed run's orphans among them) to exit.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_ENTRY, fromSourceEnv, TSX_LOADER } from '../support/from-source.js';
import { waitUntilGone } from '../support/processes.js';
import { makeTempDir } from '../support/temp-dir.js';

interface Cli {
  readonly done: Promise<number | null>;
  kill(): void;
}

function startCli(args: string[], cwd: string): Cli {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI_ENTRY, ...args], {
    cwd,
    stdio: 'ignore',
    env: fromSourceEnv()
  });
  return {
    done: new Promise((r) => child.on('exit', (code) => r(code))),
    kill: () => child.kill('SIGKILL')
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Json = Record<string, unknown>;

function readJson(path: string): Json | undefined {
  try {
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : undefined;
  } catch {
    return undefined; // never torn (atomic rename), but be safe while polling
  }
}

/** Polls the checkpoint until `test` holds (or fails the test after `ms`). */
async function waitFor(path: string, test: (c: Json) => boolean, ms = 20_000): Promise<Json> {
  const until = Date.now() + ms;
  for (;;) {
    const c = readJson(path);
    if (c && test(c)) return c;
    if (Date.now() > until) throw new Error(`checkpoint never matched: ${JSON.stringify(c)}`);
    await sleep(25);
  }
}

/**
 * Shell text that records the shell's pid and waits until the test creates `release` (at most 30 s, so
 * a shell orphaned by a failed test does not wait forever).
 */
const GATE =
  'echo $$ >> gated.pids; i=0; while [ ! -f release ] && [ $i -lt 1500 ]; do sleep 0.02; i=$((i+1)); done; ';

function openGate(dir: string): void {
  writeFileSync(join(dir, 'release'), '');
}

/** Waits until every shell that passed GATE has exited (the killed run's orphans included). */
async function gatedShellsExited(dir: string): Promise<void> {
  const file = join(dir, 'gated.pids');
  const pids = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  for (const pid of pids)
    expect({ pid, gone: await waitUntilGone(Number(pid), 20_000) }).toEqual({ pid, gone: true });
}

function branch(c: Json, key: string, start: string): Json | undefined {
  const parallel = c['parallel'] as Record<string, { branches: Record<string, Json> }> | undefined;
  return parallel?.[key]?.branches[start];
}

function trail(dir: string): string[] {
  const file = join(dir, 'trail.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
}

async function killWhen(
  dir: string,
  runId: string,
  test: (c: Json) => boolean
): Promise<{ cpPath: string }> {
  const cpPath = join(dir, '.tracker/runs', runId, 'checkpoint.json');
  const run = startCli(['p.dot', '--run-id', runId, '--quiet'], dir);
  await waitFor(cpPath, test);
  run.kill();
  await run.done;
  return { cpPath };
}

describe('SIGKILL inside a parallel block, then --resume', () => {
  it('reports a failed branch as failed after the resume (H2)', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'p.dot'),
      `digraph h2 { start [shape=Mdiamond]; fan [shape=component]
        bad [shape=parallelogram, tool_command="echo bad >> trail.txt; exit 1"]
        slow [shape=parallelogram, tool_command="${GATE}echo slow >> trail.txt"]
        join [shape=tripleoctagon]; done [shape=Msquare]
        start -> fan; fan -> bad; fan -> slow
        bad -> join [condition="outcome=fail"]; slow -> join; join -> done }\n`
    );
    const { cpPath } = await killWhen(
      dir.path,
      'h2kill000000',
      (c) => branch(c, 'fan', 'bad')?.['status'] === 'fail'
    );
    expect(trail(dir.path)).toEqual(['bad']);
    openGate(dir.path);
    expect(await startCli(['p.dot', '-r', 'h2kill', '--quiet'], dir.path).done).toBe(0);
    await gatedShellsExited(dir.path);
    const final = readJson(cpPath) as {
      node_outcomes: Record<string, { status: string; notes?: string }>;
      context: Json;
    };
    expect(final.node_outcomes['fan']?.status).toBe('partial_success');
    expect(final.node_outcomes['fan']?.notes).toContain('failed: bad');
    expect(final.context['parallel.branch.bad.status']).toBe('fail');
    expect(final.context['parallel.fan_in.best_id']).toBe('slow');
    expect(trail(dir.path).filter((t) => t === 'bad')).toHaveLength(1);
  }, 60_000);

  it('does not re-run finished nodes of a nested block (M4)', async () => {
    await using dir = await makeTempDir();
    const tool = (id: string, extra = '') =>
      `${id} [shape=parallelogram, tool_command="${extra}echo ${id} >> trail.txt"]`;
    writeFileSync(
      join(dir.path, 'p.dot'),
      `digraph n { start [shape=Mdiamond]; fork [shape=component]; inner [shape=component, max_parallel=1]
        ${tool('a1')}; ${tool('x')}; ${tool('y', GATE)}; ${tool('a_end')}; ${tool('b1')}
        ij [shape=tripleoctagon]; join [shape=tripleoctagon]; done [shape=Msquare]
        start -> fork; fork -> a1; fork -> b1; a1 -> inner; inner -> x; inner -> y
        x -> ij; y -> ij; ij -> a_end; a_end -> join; b1 -> join; join -> done }\n`
    );
    const { cpPath } = await killWhen(
      dir.path,
      'nestedkill00',
      (c) => branch(c, 'fork/a1>inner', 'x')?.['done'] === true
    );
    expect(trail(dir.path)).toEqual(expect.arrayContaining(['a1', 'x']));
    openGate(dir.path);
    expect(await startCli(['p.dot', '-r', 'nestedkill', '--quiet'], dir.path).done).toBe(0);
    await gatedShellsExited(dir.path); // the killed run's `y` (mid-flight, so it runs again) may still echo
    const ran = trail(dir.path);
    for (const id of ['a1', 'x', 'a_end', 'b1'])
      expect({ id, runs: ran.filter((t) => t === id).length }).toEqual({ id, runs: 1 });
    expect(ran).toContain('y');
    expect((readJson(cpPath) as { status: string }).status).toBe('success');
  }, 60_000);

  it('resumes a branch node killed during attempt 2 at attempt 2 (M5)', async () => {
    await using dir = await makeTempDir();
    // Attempt 1 fails at once; attempt 2 waits at the gate (killed); a third run of the command succeeds.
    const flaky = `n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; [ $n -eq 1 ] && exit 1; [ $n -eq 2 ] && { ${GATE}}; exit 0`;
    writeFileSync(
      join(dir.path, 'p.dot'),
      `digraph r { start [shape=Mdiamond]; fan [shape=component]
        flaky [shape=parallelogram, max_retries=2, base_delay="10ms", tool_command="${flaky}"]
        other [shape=parallelogram, tool_command="echo other"]
        join [shape=tripleoctagon]; done [shape=Msquare]
        start -> fan; fan -> flaky; fan -> other; flaky -> join; other -> join; join -> done }\n`
    );
    const runId = 'retrykill000';
    const { cpPath } = await killWhen(
      dir.path,
      runId,
      (c) =>
        (branch(c, 'fan', 'flaky')?.['current_attempt'] as { attempt?: number } | undefined)
          ?.attempt === 2 && readFileSync(join(dir.path, 'count'), 'utf8').trim() === '2'
    );
    openGate(dir.path);
    expect(await startCli(['p.dot', '-r', runId, '--quiet'], dir.path).done).toBe(0);
    await gatedShellsExited(dir.path);
    const activity = readFileSync(join(dir.path, '.tracker/runs', runId, 'activity.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; nodeId?: string; attempt?: number });
    const resumedAt = activity.findLastIndex((e) => e.type === 'pipeline.started');
    const attempts = activity
      .slice(resumedAt)
      .filter((e) => e.type === 'stage.started' && e.nodeId === 'flaky')
      .map((e) => e.attempt);
    expect(attempts).toEqual([2]);
    const final = readJson(cpPath) as { node_retries: Record<string, number>; status: string };
    expect(final.status).toBe('success');
    expect(final.node_retries['flaky']).toBe(1);
  }, 60_000);
});
