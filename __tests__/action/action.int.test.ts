/**
 * The Action end to end, from source, through @actions/core's env/file protocol: INPUT_* variables in,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files and workflow commands on stdout out. No mocks: the real
 * @actions/core, real tool commands, a temp workspace.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../support/action-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const RELEASE = `digraph release {
  graph [goal="Ship it"]
  start [shape=Mdiamond]
  build [shape=parallelogram, tool_command="echo built > build.txt"]
  review [shape=hexagon, label="Ship it?"]
  ship [shape=parallelogram, tool_command="echo shipped >> build.txt"]
  done [shape=Msquare]
  start -> build -> review
  review -> ship [label="[Y] Yes"]
  review -> done [label="[N] No"]
  ship -> done
}
`;

describe('the Action (run)', () => {
  it('runs the pipeline in the working directory, logs each stage and sets the outputs and the summary', async () => {
    await using dir = await makeTempDir();
    mkdirSync(join(dir.path, 'pipelines'));
    mkdirSync(join(dir.path, 'work'));
    writeFileSync(join(dir.path, 'pipelines/release.dot'), RELEASE);
    const run = await runAction(dir.path, {
      pipeline: 'pipelines/release.dot',
      'auto-approve': 'true',
      simulate: 'false',
      'working-directory': 'work',
      vars: 'channel=beta'
    });
    expect(run.stdout).not.toContain('::error');
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir.path, 'work/build.txt'), 'utf8')).toBe('built\nshipped\n');
    expect(run.stdout).toContain('→ build [tool]');
    expect(run.stdout).toContain('☞ review: [Y] Yes (by auto-approve)');
    expect(run.stdout).toContain('✓ Pipeline succeeded');
    const runId = run.outputs.get('run-id') ?? '';
    expect(runId).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.fromEntries(run.outputs)).toMatchObject({
      status: 'success',
      'exit-code': '0',
      'completed-nodes': 'start,build,review,ship,done',
      'failed-node': '',
      'resume-command': '',
      errors: '0',
      'checkpoint-path': join(dir.path, 'work/.tracker/runs', runId, 'checkpoint.json')
    });
    const checkpoint = JSON.parse(readFileSync(run.outputs.get('checkpoint-path') ?? '', 'utf8'));
    expect(checkpoint.context).toMatchObject({ channel: 'beta' });
    expect(run.summary).toContain('tracker: release');
    expect(run.summary).toContain('succeeded');
  }, 60_000);

  it('fails a human gate it cannot ask, naming the auto-approve input, with an annotation at the gate', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'release.dot'), RELEASE);
    const run = await runAction(dir.path, {
      pipeline: 'release.dot',
      'auto-approve': 'false',
      simulate: 'false'
    });
    expect(run.code).toBe(1);
    expect(run.outputs.get('status')).toBe('failed');
    expect(run.outputs.get('exit-code')).toBe('1');
    expect(run.outputs.get('failed-node')).toBe('review');
    expect(run.outputs.get('completed-nodes')).toBe('start,build,review');
    const annotation = run.stdout.split('\n').find((l) => l.includes("stage 'review' failed"));
    expect(annotation).toMatch(
      /^::error title=tracker%3A stage 'review' failed,file=release\.dot,line=5,col=3::/
    );
    expect(annotation).toContain("Set the input 'auto-approve' to 'true'");
    const resume = run.outputs.get('resume-command') ?? '';
    expect(resume).toMatch(
      /^tracker -c \.tracker\/runs\/[0-9a-f]{12}\/checkpoint\.json release\.dot$/
    );
    expect(run.summary).toContain('Resume with');
    expect(run.summary).toContain(resume);
  }, 60_000);

  it("annotates a failed tool stage with its last output lines at the node's line", async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'p.dot'),
      `digraph p {\n  start [shape=Mdiamond]\n  done [shape=Msquare]\n  check [shape=parallelogram, tool_command="echo checking; echo 'no tests found' >&2; exit 3"]\n  start -> check -> done\n}\n`
    );
    const run = await runAction(dir.path, {
      pipeline: 'p.dot',
      'auto-approve': 'true',
      simulate: 'false'
    });
    expect(run.code).toBe(1);
    const annotation = run.stdout.split('\n').find((l) => l.includes("stage 'check' failed"));
    expect(annotation).toMatch(/file=p\.dot,line=4,col=3::/);
    expect(annotation).toContain('last lines of check/stderr.log:%0Ano tests found');
    expect(annotation).toContain('last lines of check/stdout.log:%0Achecking');
    expect(run.stdout).toContain('::error::Pipeline failed (exit code 1).');
  }, 60_000);
});

describe('the Action (validate and inputs)', () => {
  it('annotates validation errors at file:line:col and runs nothing', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'bad.dot'),
      'digraph bad {\n  start [shape=Mdiamond]\n  start -> nowhere\n}\n'
    );
    const run = await runAction(dir.path, {
      pipeline: 'bad.dot',
      command: 'validate',
      'auto-approve': 'false',
      simulate: 'false'
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=tracker [a-z_]+,file=bad\.dot,line=\d+,col=\d+::/m);
    expect(run.outputs.get('status')).toBe('invalid');
    expect(Number(run.outputs.get('errors'))).toBeGreaterThan(0);
    expect(existsSync(join(dir.path, '.tracker'))).toBe(false);
  }, 60_000);

  it('fails with a message naming a bad input', async () => {
    await using dir = await makeTempDir();
    const run = await runAction(dir.path, { pipeline: 'p.dot', command: 'deploy' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::Input 'command' must be 'run' or 'validate', got 'deploy'."
    );
    expect(run.outputs.size).toBe(0);
  }, 60_000);
});
