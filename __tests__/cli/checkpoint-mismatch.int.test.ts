/**
 * Checkpoints that do not fit the run they are resumed as (issue 9 item 6), through the CLI: refused
 * with exit 2, saying what does not match and what to do.
 */
import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const PIPELINE = `digraph m { start [shape=Mdiamond]; a [shape=parallelogram, tool_command="echo a"]; b [shape=parallelogram, tool_command="echo b"]; done [shape=Msquare]; start -> a -> b -> done }`;

/** A finished run `mism00001`, its checkpoint rewritten as if it had stopped before `b`. */
async function stoppedRun(
  dir: string
): Promise<{ runDir: string; checkpoint: Record<string, unknown> }> {
  writeFileSync(join(dir, 'p.dot'), PIPELINE);
  const first = await runCli(['p.dot', '--run-id', 'mism00001'], { cwd: dir });
  expect(first.code).toBe(0);
  const runDir = join(dir, '.tracker/runs/mism00001');
  const checkpoint = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const stopped = {
    ...checkpoint,
    status: 'stopped',
    current_node: 'a',
    next_node: 'b',
    completed_nodes: ['start', 'a']
  };
  writeFileSync(join(runDir, 'checkpoint.json'), JSON.stringify(stopped));
  return { runDir, checkpoint: stopped };
}

describe('checkpoint mismatches', () => {
  it('refuses a checkpoint whose next_node is not in the graph (exit 2), naming it', async () => {
    await using dir = await makeTempDir();
    const { runDir, checkpoint } = await stoppedRun(dir.path);
    writeFileSync(
      join(runDir, 'checkpoint.json'),
      JSON.stringify({ ...checkpoint, next_node: 'gone' })
    );
    const { code, stderr } = await runCli(['-r', 'mism00001', 'p.dot'], { cwd: dir.path });
    expect(code).toBe(2);
    expect(stderr).toContain("next_node 'gone' is not a node of the pipeline");
    expect(stderr).toContain('Resume it with the pipeline file it ran, or start a new run.');
    expect(stderr).not.toContain('internal error');
  });

  it('refuses a checkpoint whose current_node is not in the graph, even with --force', async () => {
    await using dir = await makeTempDir();
    const { runDir, checkpoint } = await stoppedRun(dir.path);
    writeFileSync(
      join(runDir, 'checkpoint.json'),
      JSON.stringify({ ...checkpoint, current_node: 'old' })
    );
    const { code, stderr } = await runCli(['-r', 'mism00001', '--force', 'p.dot'], {
      cwd: dir.path
    });
    expect(code).toBe(2);
    expect(stderr).toContain("current_node 'old' is not a node of the pipeline");
  });

  it("refuses a checkpoint whose run_id is not its directory's run (exit 2)", async () => {
    await using dir = await makeTempDir();
    const { runDir, checkpoint } = await stoppedRun(dir.path);
    const other = join(dir.path, '.tracker/runs/other00001');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'checkpoint.json'), JSON.stringify(checkpoint));
    const { code, stderr } = await runCli(['-r', 'other00001', 'p.dot'], { cwd: dir.path });
    expect(code).toBe(2);
    expect(stderr).toContain("is run mism00001's checkpoint, but it is in");
    expect(stderr).toContain('Resume run mism00001 from its own directory, or start a new run.');
    // A whole run directory copied elsewhere still resumes: its manifest.json records the run.
    cpSync(runDir, join(dir.path, 'copy'), { recursive: true });
    const copied = await runCli(['-r', 'copy', 'p.dot'], { cwd: dir.path });
    expect(copied.stderr).not.toContain('checkpoint, but it is in');
    expect(copied.code).toBe(0);
  });

  it('names the newest valid slot in .checkpoint-slots/ for a corrupt checkpoint, and how to use it', async () => {
    await using dir = await makeTempDir();
    const { runDir, checkpoint } = await stoppedRun(dir.path);
    const slots = join(runDir, '.checkpoint-slots');
    mkdirSync(slots);
    const older = join(slots, 'checkpoint.json.0');
    const newest = join(slots, 'checkpoint.json.1');
    const broken = join(slots, 'checkpoint.json.2');
    writeFileSync(
      older,
      JSON.stringify({ ...checkpoint, next_node: 'a', completed_nodes: ['start'] })
    );
    writeFileSync(newest, JSON.stringify(checkpoint));
    writeFileSync(broken, '{"version": 2, "run_');
    utimesSync(older, new Date(1000_000), new Date(1000_000));
    utimesSync(newest, new Date(2000_000), new Date(2000_000));
    utimesSync(broken, new Date(3000_000), new Date(3000_000));
    writeFileSync(join(runDir, 'checkpoint.json'), '{"version": 2, "run_id": "mism0');

    const { code, stderr } = await runCli(['-r', 'mism00001', 'p.dot'], { cwd: dir.path });
    expect(code).toBe(2);
    expect(stderr).toContain('not valid JSON');
    expect(stderr).not.toContain('restore a good copy');
    const cp =
      'cp .tracker/runs/mism00001/.checkpoint-slots/checkpoint.json.1 .tracker/runs/mism00001/checkpoint.json';
    expect(stderr).toContain(cp);

    // The advice works.
    cpSync(newest, join(runDir, 'checkpoint.json'));
    const resumed = await runCli(['-r', 'mism00001', 'p.dot'], { cwd: dir.path });
    expect(resumed.code).toBe(0);
  });

  it('without slots, a corrupt checkpoint is still refused (exit 2) and says to start a new run', async () => {
    await using dir = await makeTempDir();
    const { runDir } = await stoppedRun(dir.path);
    writeFileSync(join(runDir, 'checkpoint.json'), 'not json');
    const { code, stderr } = await runCli(['-r', 'mism00001', 'p.dot'], { cwd: dir.path });
    expect(code).toBe(2);
    expect(stderr).toContain('not valid JSON');
    expect(stderr).not.toContain('.checkpoint-slots');
  });
});
