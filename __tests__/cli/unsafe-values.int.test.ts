/**
 * Values that cannot reach a process, an environment variable, a path or the context are refused with a
 * clear message before they do harm: a NUL in a DOT value or node id (`nul_in_value`), and the reserved
 * keys `__proto__`, `constructor`, `prototype` in `--var` and in a tool's status.json. Through the real
 * CLI, with real `sh -c` tool nodes.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

interface JsonDiagnostic {
  rule: string;
  severity: string;
  line?: number;
  column?: number;
  message: string;
}

function pipeline(body: string): string {
  return `digraph p {\n  start [shape=Mdiamond]\n${body}\n  done [shape=Msquare]\n}\n`;
}

describe('a NUL in the pipeline (nul_in_value)', () => {
  const TOOL = pipeline(
    '  t [shape=parallelogram, tool_command="touch ran\u0000.txt"]\n  start -> t -> done'
  );

  it('is a located validate error, and the run refuses to start', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), TOOL);
    const text = await runCli(['validate', 'p.dot'], { cwd: dir.path });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      "p.dot:3:50: error[nul_in_value]: tool_command on node 't' contains a NUL character (at character 10 of the value); a NUL cannot be passed to a process, an environment variable or a file path\n" +
        '  3 |   t [shape=parallelogram, tool_command="touch ran\\x00.txt"]\n' +
        '    |                                                  ^\n' +
        '  fix: Remove the NUL character.'
    );
    const [excerpt = '', caret = ''] = text.stdout.split('\n').slice(1, 3);
    expect(caret.indexOf('^')).toBe(excerpt.indexOf('\\x00'));
    const run = await runCli(['p.dot', '--no-tui'], { cwd: dir.path });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error[nul_in_value]');
    expect(run.stderr).not.toContain('null bytes');
    expect(existsSync(join(dir.path, '.tracker'))).toBe(false);
  });

  it.each([
    [
      'working_dir',
      '  t [shape=parallelogram, tool_command="true", working_dir="sub\u0000dir"]',
      3
    ],
    ['the goal', '  graph [goal="ship\u0000it"]', 3],
    ['an edge label', '  start -> done [label="go\u0000"]', 3],
    ['allow_env', '  t [shape=parallelogram, tool_command="true", allow_env="A\u0000B"]', 3],
    ['a node id', '  "n\u0000x" [shape=parallelogram, tool_command="true"]', 3]
  ])('is reported for %s', async (_what, body, line) => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), pipeline(body));
    const r = await runCli(['validate', 'p.dot', '--json'], { cwd: dir.path });
    expect(r.code).toBe(1);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: JsonDiagnostic[] };
    expect(diagnostics.filter((d) => d.rule === 'nul_in_value')).toEqual([
      expect.objectContaining({ severity: 'error', line, message: expect.stringContaining('NUL') })
    ]);
  });
});

describe('reserved context keys', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    '--var %s=x is a usage error (exit 2) naming the key',
    async (key) => {
      await using dir = await makeTempDir();
      writeFileSync(join(dir.path, 'p.dot'), pipeline('  start -> done'));
      const r = await runCli(['p.dot', '--var', `${key}=x`], { cwd: dir.path });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--var ${key}=… is refused: '${key}' is a reserved name`);
      expect(existsSync(join(dir.path, '.tracker'))).toBe(false);
    }
  );

  it('a status.json whose context_updates set __proto__ fails the stage, naming the key and the file', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'status.sh'),
      `printf '{"outcome":"success","context_updates":{"ok":1,"__proto__":{"polluted":true}}}' > "$ATTRACTOR_STAGE_DIR/status.json"\n`
    );
    writeFileSync(
      join(dir.path, 'p.dot'),
      pipeline('  t [shape=parallelogram, tool_command="sh status.sh"]\n  start -> t -> done')
    );
    const r = await runCli(['p.dot', '--no-tui'], { cwd: dir.path });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✗ t fail in \S+ {2}Tool node 't' wrote an invalid \S*t\/status\.json: context_updates sets the key "__proto__", which is reserved/
    );
  });
});
