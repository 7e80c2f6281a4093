/**
 * What the CLI prints from user data is terminal-safe: control bytes in a DOT file or in a failed tool's
 * output are shown as escapes (`\x1b`), the files on disk keep the raw bytes, and a failure summary's
 * lines are capped in width. Through the real CLI, with real `sh -c` tool nodes.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';
import { RAW_CONTROL } from '../support/control-chars.js';

const PWNED = '\u001b[2J\u001b]0;PWNED\u0007';

function onlyRun(cwd: string): string {
  const root = join(cwd, '.tracker', 'runs');
  const [id] = readdirSync(root);
  return join(root, id ?? '');
}

describe('tracker validate: control bytes in the DOT file', () => {
  it('shows them as escapes in the excerpt, with the caret still under the offending attribute', async () => {
    await using dir = await makeTempDir();
    const source = `digraph p {\n  start [shape=Mdiamond]\n  work [label="${PWNED}", promt="x"]\n  done [shape=Msquare]\n  start -> work -> done\n}\n`;
    writeFileSync(join(dir.path, 'p.dot'), source);
    const r = await runCli(['validate', 'p.dot'], { cwd: dir.path });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain(
      [
        "p.dot:3:33: warning[unknown_attribute]: unknown node attribute 'promt' on node 'work' (tracker ignores it); did you mean 'prompt'?",
        '  3 |   work [label="\\x1b[2J\\x1b]0;PWNED\\x07", promt="x"]',
        '    |                                          ^'
      ].join('\n')
    );
    const [excerpt = '', caret = ''] = r.stdout.split('\n').slice(1, 3);
    expect(excerpt.indexOf('promt')).toBe(caret.indexOf('^'));
  });

  it('shows them as escapes in node ids, the goal and the plan', async () => {
    await using dir = await makeTempDir();
    const source = `digraph p {\n  graph [goal="ship\u001b[8m hidden"]\n  start [shape=Mdiamond]\n  "w\u001b[31m" [prompt="x"]\n  done [shape=Msquare]\n  start -> "w\u001b[31m" -> done\n}\n`;
    writeFileSync(join(dir.path, 'p.dot'), source);
    const r = await runCli(['validate', 'p.dot'], { cwd: dir.path });
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('  goal:     ship\\x1b[8m hidden\n');
    expect(r.stdout).toContain('      2. w\\x1b[31m\n');
  });
});

describe('tracker run: a failed tool with control bytes in its output', () => {
  it('prints the output tail made visible, while stderr.log keeps the raw bytes', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'noisy.sh'),
      `printf 'compiling\\n' >&2\nprintf '\\033]0;PWNED\\007\\033[2J boom\\n' >&2\nexit 3\n`
    );
    writeFileSync(
      join(dir.path, 'p.dot'),
      `digraph p {\n  start [shape=Mdiamond]\n  t [shape=parallelogram, tool_command="sh noisy.sh"]\n  done [shape=Msquare]\n  start -> t -> done\n}\n`
    );
    const r = await runCli(['p.dot', '--no-tui'], { cwd: dir.path });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain(
      '  last lines of t/stderr.log:\n    │ compiling\n    │ \\x1b]0;PWNED\\x07\\x1b[2J boom\n'
    );
    expect(readFileSync(join(onlyRun(dir.path), 't', 'stderr.log'), 'utf8')).toBe(
      `compiling\n${'\u001b]0;PWNED\u0007\u001b[2J'} boom\n`
    );
  });

  it('caps a 20,000-character line of output at 500 characters, keeping its end and saying so', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'flood.sh'),
      `i=0\nwhile [ $i -lt 200 ]; do printf '%0100d' 0 >&2; i=$((i+1)); done\nprintf 'THE-END' >&2\nexit 1\n`
    );
    writeFileSync(
      join(dir.path, 'p.dot'),
      `digraph p {\n  start [shape=Mdiamond]\n  t [shape=parallelogram, tool_command="sh flood.sh"]\n  done [shape=Msquare]\n  start -> t -> done\n}\n`
    );
    const r = await runCli(['p.dot', '--no-tui'], { cwd: dir.path });
    expect(r.code).toBe(1);
    const rows = r.stderr.split('\n').filter((l) => l.startsWith('    │ '));
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? '';
    expect(row).toMatch(/^ {4}│ … \([\d,]+ more characters\) 0+THE-END$/);
    expect(row.length).toBeLessThan(540);
    expect(readFileSync(join(onlyRun(dir.path), 't', 'stderr.log'), 'utf8')).toHaveLength(20_007);
  });
});
