/** schedule="dependencies" through the CLI: exit codes and the resume message. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const DAG = `digraph dep { graph [schedule="dependencies"]
  start [shape=Mdiamond]
  a [shape=parallelogram, tool_command="echo a >> trail.txt"]
  b [shape=parallelogram, tool_command="test -f fixed && echo b >> trail.txt"]
  c [shape=parallelogram, tool_command="echo c >> trail.txt"]
  e [shape=parallelogram, tool_command="echo e >> trail.txt"]
  exit [shape=Msquare]
  start -> a; a -> b; a -> c; b -> e; c -> exit; e -> exit }`;

describe('tracker run with schedule="dependencies"', () => {
  it('fails with exit 1, says what resume re-runs, and the resume succeeds without re-running a and c', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'dep.dot'), DAG);
    const first = await runCli(['dep.dot', '--run-id', 'dep1'], { cwd: dir.path });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(
      "resume (re-runs 'b' with a fresh retry budget and then the 2 node(s) that did not run (e, exit)"
    );
    writeFileSync(join(dir.path, 'fixed'), '');
    const again = await runCli(['-r', 'dep1', 'dep.dot'], { cwd: dir.path });
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir.path, 'trail.txt'), 'utf8').trim().split('\n').sort()).toEqual([
      'a',
      'b',
      'c',
      'e'
    ]);
  });

  it('a failure routed by an outcome=fail edge is handled: exit 0', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'rec.dot'),
      `digraph rec { graph [schedule="dependencies"] start [shape=Mdiamond]
        a [shape=parallelogram, tool_command="exit 3"]; rec [shape=parallelogram, tool_command="echo recovered > rec.txt"]
        exit [shape=Msquare]; start -> a; a -> rec [condition="outcome=fail"]; rec -> exit }`
    );
    const r = await runCli(['rec.dot'], { cwd: dir.path });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Pipeline succeeded');
    expect(readFileSync(join(dir.path, 'rec.txt'), 'utf8')).toBe('recovered\n');
  });
});
