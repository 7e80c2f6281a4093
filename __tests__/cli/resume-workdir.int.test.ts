/** Resuming a run that used -w: the workdir is recorded in manifest.json and the printed command works. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resumeCommandLine, shellQuote } from '../../src/runtime/resume-command.js';
import { runCli } from '../support/cli-harness.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Fails until `fixed` exists in the workdir; records where each tool ran. */
const WHERE = `digraph w {
  start [shape=Mdiamond]
  one [shape=parallelogram, tool_command="pwd >> ran-in.txt"]
  two [shape=parallelogram, tool_command="pwd >> ran-in.txt; test -f fixed"]
  done [shape=Msquare]
  start -> one -> two -> done
}`;

/** The resume command a failed or stopped run printed, split into argv (single-quoted words unquoted). */
function printedResume(stderr: string): string[] {
  const line = stderr.split('\n').find((l) => l.trim().startsWith('tracker -c '));
  if (!line) throw new Error(`no resume command in:\n${stderr}`);
  const words = [...line.trim().matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map(
    (m) => m[1]?.replace(/'\\''/g, "'") ?? m[2] ?? ''
  );
  return words.slice(1);
}

describe('resume and the workdir', () => {
  it('records the workdir, prints -w in the resume command, and resumes there without -w', async () => {
    await using dir = await makeTempDir();
    const wd = join(dir.path, 'wr1');
    mkdirSync(wd);
    writeFileSync(join(dir.path, 'r1.dot'), WHERE);
    const first = await runCli(['run', 'r1.dot', '-w', 'wr1', '--run-id', 'r1run'], {
      cwd: dir.path
    });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(
      'tracker -c wr1/.tracker/runs/r1run/checkpoint.json -w wr1 r1.dot'
    );
    const manifest = JSON.parse(
      readFileSync(join(wd, '.tracker/runs/r1run/manifest.json'), 'utf8')
    );
    expect(manifest.workdir).toBe(wd);

    writeFileSync(join(wd, 'fixed'), '');
    // The documented -c form without -w: the recorded workdir is used.
    const resumed = await runCli(['-c', 'wr1/.tracker/runs/r1run/checkpoint.json', 'r1.dot'], {
      cwd: dir.path
    });
    expect(resumed.code).toBe(0);
    expect(readFileSync(join(wd, 'ran-in.txt'), 'utf8').trim().split('\n')).toEqual([wd, wd, wd]);
    expect(existsSync(join(dir.path, 'ran-in.txt'))).toBe(false);
  });

  it('runs the printed command as printed, with spaces in the paths', async () => {
    await using dir = await makeTempDir();
    const wd = join(dir.path, 'my work');
    mkdirSync(wd);
    writeFileSync(join(dir.path, 'the pipeline.dot'), WHERE);
    const first = await runCli(['the pipeline.dot', '-w', 'my work', '--run-id', 'sp1'], {
      cwd: dir.path
    });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(
      "tracker -c 'my work/.tracker/runs/sp1/checkpoint.json' -w 'my work' 'the pipeline.dot'"
    );
    writeFileSync(join(wd, 'fixed'), '');
    const again = await runCli(printedResume(first.stderr), { cwd: dir.path });
    expect(again.code).toBe(0);
    expect(readFileSync(join(wd, 'ran-in.txt'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('finds -r ID under -w, and an explicit -w that differs wins with a warning', async () => {
    await using dir = await makeTempDir();
    mkdirSync(join(dir.path, 'wr1'));
    mkdirSync(join(dir.path, 'other'));
    writeFileSync(join(dir.path, 'r1.dot'), WHERE);
    await runCli(['r1.dot', '-w', 'wr1', '--run-id', 'r1run'], { cwd: dir.path });

    const notHere = await runCli(['-r', 'r1run', 'r1.dot'], { cwd: dir.path });
    expect(notHere.code).toBe(2);
    expect(notHere.stderr).toContain("No run 'r1run'");
    expect(notHere.stderr).toContain('-w');

    const found = await runCli(['-r', 'r1r', '-w', 'wr1', 'r1.dot'], { cwd: dir.path });
    expect(found.stdout).toContain('Resuming pipeline');
    expect(found.code).toBe(1);

    writeFileSync(join(dir.path, 'other', 'fixed'), '');
    const moved = await runCli(['-r', 'wr1/.tracker/runs/r1run', '-w', 'other', 'r1.dot'], {
      cwd: dir.path
    });
    expect(moved.stderr).toContain(`warning: run r1run ran in ${join(dir.path, 'wr1')}`);
    expect(moved.code).toBe(0);
    expect(readFileSync(join(dir.path, 'other', 'ran-in.txt'), 'utf8').trim()).toBe(
      join(dir.path, 'other')
    );
  });
});

describe('resumeCommandLine', () => {
  it.each([
    [
      '/p/.tracker/runs/x/checkpoint.json',
      '/p',
      '/p/a.dot',
      '/p',
      'tracker -c .tracker/runs/x/checkpoint.json a.dot'
    ],
    [
      '/p/w/.tracker/runs/x/checkpoint.json',
      '/p/w',
      '/p/a.dot',
      '/p',
      'tracker -c w/.tracker/runs/x/checkpoint.json -w w a.dot'
    ],
    [
      '/q/.tracker/runs/x/checkpoint.json',
      '/q',
      '/p/a.dot',
      '/p',
      'tracker -c /q/.tracker/runs/x/checkpoint.json -w /q a.dot'
    ]
  ])('%s (workdir %s, pipeline %s, cwd %s)', (checkpoint, workdir, file, cwd, expected) => {
    expect(resumeCommandLine(checkpoint, workdir, file, cwd)).toBe(expected);
  });

  it.each([
    ['plain/path.dot', 'plain/path.dot'],
    ['with space', "'with space'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"]
  ])('quotes %j as %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});
