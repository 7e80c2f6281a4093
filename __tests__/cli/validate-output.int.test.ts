/**
 * `tracker validate` output for bad input: source excerpts with a caret, the offending token in --json,
 * per-issue rules in source order when a limit is hit, the error-cap note, and --limit; and for a big
 * graph, text whose long lists are cut short ("… and N more") while --json has them in full.
 */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIST_ITEMS_SHOWN, PLAN_LEVELS_SHOWN } from '../../src/cli/render-validate.js';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

interface JsonDiagnostic {
  rule: string;
  severity: string;
  line?: number;
  excerpt?: string;
  token?: string;
}

async function validate(source: string, ...flags: string[]) {
  await using dir = await makeTempDir();
  writeFileSync(join(dir.path, 'p.dot'), source);
  const text = await runCli(['validate', 'p.dot', ...flags], { cwd: dir.path });
  const json = await runCli(['validate', 'p.dot', '--json', ...flags], { cwd: dir.path });
  const diagnostics = (JSON.parse(json.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  return { text, json, diagnostics };
}

const UNCLOSED =
  'digraph p {\n  start [shape=Mdiamond]\n  a [label="x"\n  done [shape=Msquare]\n}\n';

describe('tracker validate: excerpts', () => {
  it('prints the source line and a caret under a syntax error, and --json carries excerpt and token', async () => {
    const { text, diagnostics } = await validate(UNCLOSED);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      [
        "p.dot:4:3: error[dot_syntax]: expected ']' to close the attribute list opened at 3:5, found 'done'",
        '  4 |   done [shape=Msquare]',
        '    |   ^',
        "  fix: add ']' after the last attribute"
      ].join('\n')
    );
    expect(diagnostics[0]).toMatchObject({
      rule: 'dot_syntax',
      token: 'done',
      excerpt: '  4 |   done [shape=Msquare]\n    |   ^'
    });
  });

  it('prints the source line for lint diagnostics too', async () => {
    const source =
      'digraph p {\n  start [shape=Mdiamond]\n  work [promt="x"]\n  done [shape=Msquare]\n  start -> work -> done\n}\n';
    const { text, diagnostics } = await validate(source);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'did you mean \'prompt\'?\n  3 |   work [promt="x"]\n    |         ^\n'
    );
    expect(diagnostics.find((d) => d.rule === 'unknown_attribute')?.excerpt).toBe(
      '  3 |   work [promt="x"]\n    |         ^'
    );
  });
});

describe('tracker validate: limits and the error cap', () => {
  it('keeps each issue its own rule, in source order, when a limit is hit', async () => {
    const source = 'digraph p {\n  a [label=]\n  b; c; d; e\n}\n';
    const { diagnostics } = await validate(source, '--limit', 'maxNodes=3');
    expect(diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ['dot_syntax', 2],
      ['dot_limit', 3]
    ]);
  });

  it('says where to raise a limit on the command line, and --limit raises it', async () => {
    const source =
      'digraph p {\n  start [shape=Mdiamond]\n  done [shape=Msquare]\n  start -> done\n}\n';
    const low = await validate(source, '--limit', 'maxNodes=1');
    expect(low.text.code).toBe(1);
    expect(low.text.stdout).toContain('tracker --limit maxNodes=2');
    const high = await validate(source, '--limit', 'maxNodes=2');
    expect(high.text.code).toBe(0);
  });

  it('refuses an oversized file before reading it', async () => {
    const { text } = await validate(
      `digraph p { a }\n${'// padding\n'.repeat(20)}`,
      '--limit',
      'maxBytes=50'
    );
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'error[dot_limit]: input is 236 bytes, over the limit of 50 bytes'
    );
    expect(text.stdout).toContain('tracker --limit maxBytes=236');
  });

  it('ends with a note when parsing stopped at the error cap', async () => {
    const source = `digraph p {\n${'  a [=x]\n'.repeat(25)}}\n`;
    const { text, diagnostics } = await validate(source);
    expect(diagnostics.filter((d) => d.severity === 'error')).toHaveLength(20);
    expect(diagnostics.at(-1)).toMatchObject({ rule: 'dot_syntax', severity: 'info' });
    expect(text.stdout).toContain('stopped after 20 errors; fix these and run again');
  });
});

describe('tracker validate: long lists are bounded in text, complete in --json', () => {
  // A chain of 300 stages, each with a retry edge back to the start of the chain (300 loops), a
  // fan-out of 30 branches on one level, and 30 nodes nothing reaches.
  const chain = Array.from({ length: 300 }, (_, i) => `s${i}`);
  const branches = Array.from({ length: 30 }, (_, i) => `b${i}`);
  const orphans = Array.from({ length: 30 }, (_, i) => `o${i}`);
  const SOURCE = [
    'digraph big {',
    '  start [shape=Mdiamond]; done [shape=Msquare]',
    '  fork [shape=component]; join [shape=tripleoctagon]',
    ...chain.map((id) => `  ${id} [prompt="p"]`),
    ...branches.map((id) => `  ${id} [prompt="p"]`),
    ...orphans.map((id) => `  ${id} [prompt="p"]`),
    `  start -> ${chain.join(' -> ')} -> fork`,
    ...chain.map((id) => `  ${id} -> s0 [condition="outcome=fail"]`),
    ...branches.map((id) => `  fork -> ${id} -> join`),
    '  join -> done',
    ...orphans.map((id) => `  ${id} -> done`),
    '}'
  ].join('\n');

  it('prints the first levels, loops, branches and unreachable nodes, then how many more', async () => {
    const { text } = await validate(SOURCE);
    // The 30 unreachable nodes are 30 diagnostics first (every problem is listed); then the plan.
    const lines = text.stdout.split('\n');
    const plan = lines.slice(lines.findIndex((l) => l.startsWith("Pipeline 'big'")));
    expect(plan.length).toBeLessThan(PLAN_LEVELS_SHOWN + 15);
    expect(lines.filter((l) => /^ {4} *\d+\. /.test(l))).toHaveLength(PLAN_LEVELS_SHOWN);
    const levels = 1 + chain.length + 4; // start, the chain, fork, the branches, join, done
    expect(text.stdout).toContain(
      `    … and ${levels - PLAN_LEVELS_SHOWN} more levels (${levels - PLAN_LEVELS_SHOWN + branches.length - 1} nodes, the last: done)`
    );
    const loops = lines.find((l) => l.startsWith('  loops:')) ?? '';
    expect(loops.split(' -> ')).toHaveLength(LIST_ITEMS_SHOWN + 1);
    expect(loops).toMatch(new RegExp(`, … and ${chain.length - LIST_ITEMS_SHOWN} more$`));
    const parallel = lines.find((l) => l.startsWith('  parallel: fork')) ?? '';
    expect(parallel).toContain(
      `b19 | … and ${branches.length - LIST_ITEMS_SHOWN} more → joins at join`
    );
    const unreachable = lines.find((l) => l.startsWith('  unreachable:')) ?? '';
    expect(unreachable).toMatch(
      new RegExp(`o19, … and ${orphans.length - LIST_ITEMS_SHOWN} more$`)
    );
    expect(text.stdout).toContain('tracker validate --json has them in full');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(400);
  });

  it('lists everything in --json', async () => {
    const { json } = await validate(SOURCE);
    const plan = (
      JSON.parse(json.stdout) as {
        plan: {
          levels: string[][];
          back_edges: unknown[];
          unreachable: string[];
          parallel_groups: { branches: string[] }[];
        };
      }
    ).plan;
    expect(plan.levels).toHaveLength(1 + chain.length + 4);
    expect(plan.back_edges).toHaveLength(chain.length);
    expect(plan.unreachable).toEqual(orphans);
    expect(plan.parallel_groups[0]?.branches).toEqual(branches);
  });

  it('says nothing about cut lists when nothing was cut', async () => {
    const { text } = await validate(
      'digraph p {\n  start [shape=Mdiamond]\n  done [shape=Msquare]\n  start -> done\n}\n'
    );
    expect(text.stdout).not.toContain('… and');
    expect(text.stdout).not.toContain('--json has them in full');
  });
});
