/**
 * "Never loses a completed node's result": a run killed with SIGKILL the moment its checkpoint names a
 * stage complete still has that stage's status.json and output files, every time, and a resume does not
 * run it again. Uses the bundled CLI (dist/cli.js), as users do.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../support/temp-dir.js';

const CLI = resolve(import.meta.dirname, '../../dist/cli.js');
const ROUNDS = 12;

const PIPELINE = `digraph durable {
  start [shape=Mdiamond]
  step1 [shape=parallelogram, tool_command="echo step1 out; echo step1 err >&2; echo ran >> step1-runs.txt"]
  step2 [shape=parallelogram, tool_command="sleep 20"]
  done  [shape=Msquare]
  start -> step1 -> step2 -> done
}
`;

function completed(checkpointFile: string): string[] {
  try {
    return (JSON.parse(readFileSync(checkpointFile, 'utf8')) as { completed_nodes: string[] })
      .completed_nodes;
  } catch {
    return []; // not written yet
  }
}

/** Starts the CLI and kills it with SIGKILL as soon as the checkpoint lists `step1`. */
async function killWhenStep1Completes(cwd: string, runId: string): Promise<void> {
  const checkpoint = join(cwd, '.tracker/runs', runId, 'checkpoint.json');
  const child = spawn(process.execPath, [CLI, 'run', 'p.dot', '--run-id', runId], {
    cwd,
    stdio: 'ignore'
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  let alive = true;
  void exited.then(() => (alive = false));
  const deadline = Date.now() + 20_000;
  while (alive && Date.now() < deadline && !completed(checkpoint).includes('step1'))
    await new Promise((r) => setImmediate(r));
  child.kill('SIGKILL');
  await exited;
  expect(completed(checkpoint)).toContain('step1');
}

describe('a completed stage survives kill -9', () => {
  it(`keeps status.json and the output files of a stage the checkpoint names complete (${ROUNDS} kills)`, async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), PIPELINE);
    const missing: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const runId = `kill${round}`;
      await killWhenStep1Completes(dir.path, runId);
      const stage = join(dir.path, '.tracker/runs', runId, 'step1');
      const read = (name: string) =>
        existsSync(join(stage, name)) ? readFileSync(join(stage, name), 'utf8') : '';
      const status = read('status.json');
      if (!status.includes('"outcome": "success"'))
        missing.push(`${runId}: status.json ${JSON.stringify(status)}`);
      if (read('tool_output.txt') !== 'step1 out\n') missing.push(`${runId}: tool_output.txt`);
      if (read('stdout.log') !== 'step1 out\n') missing.push(`${runId}: stdout.log`);
      if (read('stderr.log') !== 'step1 err\n') missing.push(`${runId}: stderr.log`);
    }
    expect(missing).toEqual([]);

    // The last killed run resumes without running step1 again; its files are still there.
    const runId = `kill${ROUNDS - 1}`;
    writeFileSync(join(dir.path, 'p.dot'), PIPELINE.replace('sleep 20', 'true'));
    const resumed = spawn(
      process.execPath,
      [CLI, '-c', `.tracker/runs/${runId}/checkpoint.json`, 'p.dot', '--force'],
      { cwd: dir.path, stdio: 'ignore' }
    );
    const code = await new Promise<number | null>((r) => resumed.on('exit', (c) => r(c)));
    expect(code).toBe(0);
    const runs = readFileSync(join(dir.path, 'step1-runs.txt'), 'utf8').trim().split('\n');
    expect(runs).toHaveLength(ROUNDS);
    expect(
      readFileSync(join(dir.path, '.tracker/runs', runId, 'step1', 'tool_output.txt'), 'utf8')
    ).toBe('step1 out\n');
  });

  it('shows a stage directory only once its stage has started', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), PIPELINE);
    const run = join(dir.path, '.tracker/runs/visible');
    const child = spawn(process.execPath, [CLI, 'run', 'p.dot', '--run-id', 'visible'], {
      cwd: dir.path,
      stdio: 'ignore'
    });
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    // While step2 runs, the store prepares the directory of the stage after it ('done') ...
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !existsSync(join(run, '.prepared', 'done')))
      await new Promise((r) => setTimeout(r, 5));
    const prepared = existsSync(join(run, '.prepared', 'done'));
    // ... out of sight: a directory named after a stage means that stage has started.
    const visibleEarly = existsSync(join(run, 'done'));
    const step2Started = existsSync(join(run, 'step2'));
    child.kill('SIGKILL');
    await exited;
    expect({ prepared, visibleEarly, step2Started }).toEqual({
      prepared: true,
      visibleEarly: false,
      step2Started: true
    });
  });
});
