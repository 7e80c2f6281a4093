import { describe, expect, it } from '@jest/globals';
import { parseArgs } from '../../src/cli/args.js';
import { helpText } from '../../src/cli/help.js';
import { isTrackerError } from '../../src/common/errors.js';
import { VERSION } from '../../src/version.js';
import { readFileSync } from 'node:fs';

function usage(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    if (isTrackerError(error) && error.code === 'USAGE') return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseArgs', () => {
  it.each([
    [['p.dot'], { command: 'run', pipeline: 'p.dot' }],
    [['run', 'p.dot'], { command: 'run', pipeline: 'p.dot' }],
    [['validate', 'p.dot'], { command: 'validate', pipeline: 'p.dot' }],
    [['--validate', 'p.dot'], { command: 'validate', pipeline: 'p.dot' }],
    [['p.dot', '--validate'], { command: 'validate', pipeline: 'p.dot' }],
    [['simulate', 'p.dot'], { command: 'simulate', pipeline: 'p.dot' }],
    [['--help'], { command: 'help' }],
    [['-h', 'p.dot'], { command: 'help' }],
    [['--version'], { command: 'version' }],
    [
      ['p.dot', '--no-tui', '--auto-approve', '--simulate', '-q'],
      { noTui: true, autoApprove: true, simulate: true, quiet: true }
    ],
    [['-c', 'r/checkpoint.json', 'p.dot'], { checkpoint: 'r/checkpoint.json', pipeline: 'p.dot' }],
    [['--resume=abc', 'p.dot'], { resume: 'abc' }],
    [
      ['p.dot', '-w', '/tmp/w', '--logs', 'L', '--run-id', 'x1'],
      { workdir: '/tmp/w', logs: 'L', runId: 'x1' }
    ],
    [['--', '--weird.dot'], { pipeline: '--weird.dot' }],
    [['p.dot', '--run-id', 'Nightly_2026.12-01'], { runId: 'Nightly_2026.12-01' }],
    [['p.dot', '--run-id', 'x'.repeat(64)], { runId: 'x'.repeat(64) }]
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toMatchObject(expected);
  });

  it('collects repeated --var KEY=VALUE seeds', () => {
    const s = parseArgs(['p.dot', '--var', 'a=1', '--var=b=x=y']);
    expect([...s.vars]).toEqual([
      ['a', '1'],
      ['b', 'x=y']
    ]);
  });

  it('collects --limit NAME=N (repeatable; the last value of a name wins)', () => {
    const s = parseArgs(['validate', 'p.dot', '--limit', 'maxNodes=400000', '--limit=maxBytes=9']);
    expect(s.limits).toEqual({ maxNodes: 400000, maxBytes: 9 });
    expect(parseArgs(['p.dot']).limits).toEqual({});
  });

  it.each([
    [['p.dot', '--bogus'], "Unknown flag '--bogus'"],
    [['p.dot', '--limit', 'maxFoo=1'], 'NAME one of maxBytes, maxDepth, maxNodes'],
    [['p.dot', '--limit', 'maxNodes'], '--limit maxNodes needs a positive whole number'],
    [['p.dot', '--limit', 'maxNodes=0'], 'positive whole number'],
    [['p.dot', '--limit', 'maxNodes=1e6'], 'positive whole number'],
    [[], 'Missing pipeline file'],
    [['a.dot', 'b.dot'], 'Expected one pipeline file'],
    [['p.dot', '--logs'], '--logs needs a value'],
    [['p.dot', '--var', 'novalue'], '--var expects KEY=VALUE'],
    [['p.dot', '--var', '__proto__=x'], "'__proto__' is a reserved name"],
    [['p.dot', '--var=constructor=x'], "'constructor' is a reserved name"],
    [['p.dot', '--var', 'prototype='], "'prototype' is a reserved name"],
    [['p.dot', '-c', 'x', '-r', 'y'], 'either --checkpoint or --resume'],
    [['p.dot', '--json=yes'], 'takes no value'],
    [['p.dot', '--logs', 'a', '--logs', 'b'], 'given twice'],
    [
      ['p.dot', '--run-id', '../../../escaped'],
      "Invalid --run-id '../../../escaped': it starts with a dot"
    ],
    [['p.dot', '--run-id', 'a/b'], 'it contains "/"'],
    [['p.dot', '--run-id=..'], 'starts with a dot'],
    [['p.dot', '--run-id', '.hidden'], 'starts with a dot'],
    [['p.dot', '--run-id='], 'it is empty'],
    [['p.dot', '--run-id', 'x'.repeat(65)], 'at most 64'],
    [['p.dot', '--run-id', 'sp ace'], 'it contains " "']
  ])('%j is a usage error', (argv, message) => {
    const text = usage(argv);
    expect(text).toContain(message);
    expect(text).toContain('tracker --help');
  });
});

describe('help and version', () => {
  it('documents every flag and the exit codes', () => {
    const text = helpText();
    for (const flag of [
      '--no-tui',
      '--json',
      '--auto-approve',
      '--simulate',
      '--workdir',
      '--checkpoint',
      '--resume',
      '--var',
      '--logs',
      '--run-id',
      '--force'
    ]) {
      expect(text).toContain(flag);
    }
    expect(text).toMatch(/3 +stopped/);
  });

  it('says how output treats control characters, long lines and reserved --var keys', () => {
    const text = helpText();
    expect(text).toContain('print as escapes (ESC as \\x1b)');
    expect(text).toContain('at most 500 characters of each output line');
    expect(text).toContain('not __proto__, constructor or prototype');
  });

  it('keeps VERSION equal to package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
