/**
 * The run directory after a real run: every node that ran has its files, a node that never ran has no
 * directory (stage directories and files prepared ahead for it are cleaned up), and a silent output
 * stream leaves no log.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const PIPELINE = `digraph layout {
  start [shape=Mdiamond]; done [shape=Msquare]
  check [shape=parallelogram, tool_command="echo checked"]
  quiet [shape=parallelogram, tool_command="true"]
  never [shape=parallelogram, tool_command="echo never"]
  start -> check
  check -> quiet [condition="outcome=success"]
  check -> never [condition="outcome=fail"]
  quiet -> done; never -> done
}`;

describe('run directory layout', () => {
  it('holds the files of the nodes that ran and nothing for the branch not taken', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), PIPELINE);
    const run = await runCli(['p.dot', '--no-tui', '--run-id', 'layout'], { cwd: dir.path });
    expect(run.code).toBe(0);
    const runDir = join(dir.path, '.tracker', 'runs', 'layout');
    const entries = readdirSync(runDir).filter((e) => !e.startsWith('.'));
    expect(entries.sort()).toEqual(
      [
        'activity.jsonl',
        'check',
        'checkpoint.json',
        'done',
        'manifest.json',
        'quiet',
        'start'
      ].sort()
    );
    expect(readdirSync(runDir).filter((e) => e.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(join(runDir, 'check')).sort()).toEqual(
      ['status.json', 'stdout.log', 'tool_context.json', 'tool_output.txt'].sort()
    );
    expect(readFileSync(join(runDir, 'check', 'tool_output.txt'), 'utf8')).toBe('checked\n');
    expect(JSON.parse(readFileSync(join(runDir, 'check', 'tool_context.json'), 'utf8'))).toEqual(
      expect.objectContaining({ current_node: 'check' })
    );
    // `true` prints nothing: no stdout.log/stderr.log, but tool_output.txt exists (empty).
    expect(readdirSync(join(runDir, 'quiet')).sort()).toEqual(
      ['status.json', 'tool_context.json', 'tool_output.txt'].sort()
    );
    expect(readFileSync(join(runDir, 'quiet', 'tool_output.txt'), 'utf8')).toBe('');
    expect(existsSync(join(runDir, 'never'))).toBe(false);
  });
});
