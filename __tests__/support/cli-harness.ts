import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI's `main` in-process with captured streams. */
export async function runCli(
  argv: string[],
  options: {
    cwd: string;
    stdin?: string;
    env?: Record<string, string>;
    signal?: AbortSignal;
    /** stderr claims to be a terminal (`isTTY`). */
    stderrIsTTY?: boolean;
  }
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  if (options.stderrIsTTY) Object.assign(stderr, { isTTY: true });
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  if (options.stdin !== undefined) stdin.end(options.stdin);
  else stdin.end();
  const code = await main(argv, {
    stdin,
    stdout,
    stderr,
    env: options.env ?? { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    cwd: options.cwd,
    signal: options.signal ?? new AbortController().signal
  });
  return { code, stdout: out, stderr: err };
}
