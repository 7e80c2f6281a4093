/** The CLI end to end (in-process, real files and real `sh -c` tool nodes). */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const OK = `digraph ok {
  graph [goal="Prove it"]
  start [shape=Mdiamond]
  hello [shape=parallelogram, tool_command="echo hello > out.txt; echo said-hello"]
  think [prompt="Think about $goal"]
  done [shape=Msquare]
  start -> hello -> think -> done
}`;

const FAILING = `digraph bad {
  start [shape=Mdiamond]
  step1 [shape=parallelogram, tool_command="echo one >> trail.txt"]
  step2 [shape=parallelogram, tool_command="echo two >> trail.txt; test -f fixed || { echo 'compile error: missing fixed' >&2; exit 4; }"]
  done [shape=Msquare]
  start -> step1 -> step2 -> done
}`;

function runDirs(cwd: string): string[] {
  const root = join(cwd, '.tracker', 'runs');
  return existsSync(root) ? readdirSync(root) : [];
}

describe('tracker run', () => {
  it('runs a pipeline and writes the run directory', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), OK);
    const r = await runCli(['p.dot', '--no-tui'], { cwd: dir.path });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Pipeline succeeded');
    expect(readFileSync(join(dir.path, 'out.txt'), 'utf8')).toBe('hello\n');
    const [runId] = runDirs(dir.path);
    expect(runId).toMatch(/^[0-9a-f]{12}$/);
    const runDir = join(dir.path, '.tracker', 'runs', runId ?? '');
    const checkpoint = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8'));
    expect(checkpoint).toMatchObject({
      version: 2,
      run_id: runId,
      status: 'success',
      completed_nodes: ['start', 'hello', 'think', 'done']
    });
    expect(readFileSync(join(runDir, 'think', 'prompt.md'), 'utf8')).toBe('Think about Prove it');
    expect(readFileSync(join(runDir, 'hello', 'tool_output.txt'), 'utf8')).toContain('said-hello');
    const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'ok', goal: 'Prove it', run_id: runId });
    const activity = readFileSync(join(runDir, 'activity.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(activity[0]?.type).toBe('pipeline.started');
    expect(activity.at(-1)?.type).toBe('pipeline.completed');
  });

  it('fails with exit 1, shows the reason and the output tail, and resumes without re-running completed nodes', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), FAILING);
    const first = await runCli(['p.dot', '--run-id', 'abc123def456'], { cwd: dir.path });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("✗ Pipeline failed at 'step2'");
    expect(first.stderr).toContain('compile error: missing fixed');
    expect(first.stderr).toContain('tracker -c .tracker/runs/abc123def456/checkpoint.json p.dot');
    writeFileSync(join(dir.path, 'fixed'), '');
    const second = await runCli(['-c', '.tracker/runs/abc123def456/checkpoint.json', 'p.dot'], {
      cwd: dir.path
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Resuming pipeline');
    expect(readFileSync(join(dir.path, 'trail.txt'), 'utf8')).toBe('one\ntwo\ntwo\n');
    expect(runDirs(dir.path)).toEqual(['abc123def456']);
  });

  it('resumes by run-ID prefix and refuses a changed pipeline unless --force', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), FAILING);
    await runCli(['p.dot', '--run-id', 'feedbeef0001'], { cwd: dir.path });
    writeFileSync(
      join(dir.path, 'p.dot'),
      FAILING.replace('step1 -> step2', 'step1 -> step2 ') + '\n'
    );
    const refused = await runCli(['--resume', 'feed', 'p.dot'], { cwd: dir.path });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('changed since run feedbeef0001 started');
    expect(refused.stderr).toContain('--force');
    writeFileSync(join(dir.path, 'fixed'), '');
    const forced = await runCli(['--resume', 'feed', 'p.dot', '--force'], { cwd: dir.path });
    expect(forced.code).toBe(0);
  });

  it('stops on a signal with exit 3 and prints the resume command', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'p.dot'),
      `digraph s { start [shape=Mdiamond]; slow [shape=parallelogram, tool_command="sleep 30"]; done [shape=Msquare]; start -> slow -> done }`
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('SIGINT')), 300);
    const started = Date.now();
    const r = await runCli(['p.dot', '--run-id', 'stopme000001'], {
      cwd: dir.path,
      signal: controller.signal
    });
    expect(r.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.stderr).toContain('tracker -c .tracker/runs/stopme000001/checkpoint.json p.dot');
    const checkpoint = JSON.parse(
      readFileSync(join(dir.path, '.tracker/runs/stopme000001/checkpoint.json'), 'utf8')
    );
    expect(checkpoint).toMatchObject({ status: 'stopped', next_node: 'slow' });
  });

  it('prints NDJSON events with --json', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), OK);
    const r = await runCli(['p.dot', '--json'], { cwd: dir.path });
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(events[0]?.type).toBe('pipeline.started');
    expect(events.map((e) => e.type)).toContain('stage.completed');
  });

  it('seeds context with --var and asks human gates on stdin', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'p.dot'),
      `digraph g { start [shape=Mdiamond]; ask [shape=hexagon, label="Ship?"]; yes [shape=parallelogram, tool_command="echo shipped > result"]; no [shape=parallelogram, tool_command="echo held > result"]; done [shape=Msquare]
       start -> ask; ask -> yes [label="[Y] Yes"]; ask -> no [label="[N] No"]; yes -> done; no -> done }`
    );
    const r = await runCli(['p.dot', '--var', 'who=me'], { cwd: dir.path, stdin: 'n\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ship?');
    expect(readFileSync(join(dir.path, 'result'), 'utf8')).toBe('held\n');
  });

  it('refuses an invalid pipeline with exit 1 and the diagnostics', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), 'digraph x { a -> b }');
    const r = await runCli(['p.dot'], { cwd: dir.path });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[start_node]');
    expect(runDirs(dir.path)).toEqual([]);
  });

  it.each([
    [['missing.dot'], "Cannot read pipeline 'missing.dot': no such file"],
    [['--nope', 'p.dot'], "Unknown flag '--nope'"],
    [['-c', 'nowhere/checkpoint.json', 'p.dot'], 'No checkpoint at']
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), OK);
    const r = await runCli(argv, { cwd: dir.path });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('tracker validate and simulate', () => {
  it('validates with a synopsis and plan, exit 0', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), OK);
    const r = await runCli(['validate', 'p.dot'], { cwd: dir.path });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Pipeline 'ok': 4 nodes, 3 edges — HYBRID pipeline");
    expect(r.stdout).toContain('plan (topological levels');
    expect(r.stdout).toContain('✓ valid');
  });

  it('reports errors as file:line:col with exit 1, and JSON with --json', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'p.dot'),
      'digraph x {\n  start [shape=Mdiamond]\n  start -> work\n}\n'
    );
    const r = await runCli(['--validate', 'p.dot'], { cwd: dir.path });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/p\.dot:\d+:\d+: error\[terminal_node\]/);
    const j = await runCli(['validate', 'p.dot', '--json'], { cwd: dir.path });
    const doc = JSON.parse(j.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.diagnostics.some((d: { rule: string }) => d.rule === 'terminal_node')).toBe(true);
  });

  it('reports a syntax error with its location', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), 'digraph x {\n  a [label="x"\n}\n');
    const r = await runCli(['validate', 'p.dot'], { cwd: dir.path });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/p\.dot:\d+:\d+: error\[dot_syntax\]/);
  });

  it('simulates without running anything', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), OK);
    const r = await runCli(['simulate', 'p.dot'], { cwd: dir.path });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Path: start -> hello -> think -> done');
    expect(existsSync(join(dir.path, 'out.txt'))).toBe(false);
    expect(existsSync(join(dir.path, '.tracker'))).toBe(false);
  });
});
