import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeProcessRunner, TailBuffer } from '../../src/adapters/node-process-runner.js';
import {
  locateProcessServer,
  ProcessServerRunner
} from '../../src/adapters/process-server-runner.js';
import type { ProcessResult, ProcessRunner, ProcessSpec } from '../../src/ports/process-runner.js';
import { waitUntilGone } from '../support/processes.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * One suite, run against every ProcessRunner: in-process, and through the process helper. `rss` is the
 * resident memory of the process that holds the output streams.
 */
interface Implementation {
  readonly runner: ProcessRunner;
  rss(): number;
  close(): Promise<void>;
}

function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return Number(kb) * 1024;
}

const implementations: ReadonlyArray<readonly [string, () => Implementation]> = [
  [
    'NodeProcessRunner (in-process)',
    () => ({
      runner: new NodeProcessRunner(),
      rss: () => process.memoryUsage().rss,
      close: () => Promise.resolve()
    })
  ],
  [
    'ProcessServerRunner (process helper)',
    () => {
      const location = locateProcessServer();
      if (location === undefined) throw new Error('process helper entry not found');
      // Every command waits for the helper (by default they run in-process until it is ready).
      const helper = new ProcessServerRunner({ location, whileStarting: 'wait' });
      return {
        runner: helper,
        rss: () => residentBytes(helper.helperPid ?? process.pid),
        close: async () => {
          // Every command ran in the helper: none fell back to in-process.
          expect(helper.fallbackReason).toBeUndefined();
          await helper.close();
        }
      };
    }
  ]
];

let impl: Implementation;
const baseEnv = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };

function run(
  command: string,
  extra: Partial<ProcessSpec> = {},
  signal?: AbortSignal
): Promise<ProcessResult> {
  return impl.runner.run(
    { command, cwd: '/', env: baseEnv, tailBytes: 64 * 1024, ...extra },
    signal
  );
}

/** Pids a test started in the background; killed after each test even when an assertion failed. */
const strays: number[] = [];
afterEach(() => {
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function readPid(file: string): Promise<number> {
  const pid = Number((await readFile(file, 'utf8')).trim());
  expect(Number.isInteger(pid) && pid > 0).toBe(true);
  strays.push(pid);
  return pid;
}

describe.each(implementations)('%s', (_name, make) => {
  beforeAll(() => {
    impl = make();
  });
  afterAll(async () => {
    await impl.close();
  });

  describe('exit status and streams', () => {
    it.each([
      ['exit 0', 0, null],
      ['exit 7', 7, null],
      ['echo partial; exit 255', 255, null],
      ['kill -KILL $$', null, 'SIGKILL']
    ])('%s → exitCode %p, signal %p', async (command, exitCode, signal) => {
      const result = await run(command);
      expect(result.exitCode).toBe(exitCode);
      expect(result.signal).toBe(signal);
      expect(result.timedOut).toBe(false);
      expect(result.aborted).toBe(false);
      expect(result.spawnError).toBeUndefined();
    });

    it('captures stdout and stderr separately', async () => {
      const result = await run('echo out; echo err >&2; echo more-err >&2');
      expect(result.stdout).toEqual({ text: 'out\n', totalBytes: 4, truncated: false });
      expect(result.stderr).toEqual({ text: 'err\nmore-err\n', totalBytes: 13, truncated: false });
    });

    it('passes exactly the given environment (nothing inherited)', async () => {
      const result = await run('printf "%s|%s" "$GREETING" "${HOME-unset}"', {
        env: { ...baseEnv, GREETING: 'hello; $(not run) `either`' }
      });
      expect(result.stdout.text).toBe('hello; $(not run) `either`|unset');
    });

    it('runs in the given cwd', async () => {
      await using dir = await makeTempDir();
      const result = await run('pwd', { cwd: dir.path });
      expect(result.stdout.text.trim()).toBe(realpathSync(dir.path));
    });

    it('feeds stdin when given, and /dev/null otherwise', async () => {
      const fed = await run('cat; echo "[end]"', { stdin: 'line one\nline two\n' });
      expect(fed.stdout.text).toBe('line one\nline two\n[end]\n');
      const none = await run('cat; echo "[end]"');
      expect(none.stdout.text).toBe('[end]\n');
    });

    it('ignores stdin the command never reads', async () => {
      const result = await run('exit 0', { stdin: 'x'.repeat(1024 * 1024) });
      expect(result.exitCode).toBe(0);
    });
  });

  describe('output files and tails', () => {
    it('keeps only the tail in memory but writes the whole stream to the file', async () => {
      await using dir = await makeTempDir();
      const stdoutFile = join(dir.path, 'stdout.log');
      const result = await run("head -c 300000 /dev/zero | tr '\\0' a", {
        tailBytes: 1000,
        stdoutFile
      });
      expect(result.stdout).toEqual({
        text: 'a'.repeat(1000),
        totalBytes: 300000,
        truncated: true
      });
      const file = await readFile(stdoutFile, 'utf8');
      expect(file.length).toBe(300000);
      expect(/^a+$/.test(file)).toBe(true);
    });

    it('writes exactly what was printed to both files', async () => {
      await using dir = await makeTempDir();
      const stdoutFile = join(dir.path, 'out.log');
      const stderrFile = join(dir.path, 'err.log');
      const result = await run('seq 1 50000; seq 1 3 >&2', {
        tailBytes: 100,
        stdoutFile,
        stderrFile
      });
      const expected = Array.from({ length: 50000 }, (_, i) => `${i + 1}\n`).join('');
      expect(await readFile(stdoutFile, 'utf8')).toBe(expected);
      expect(await readFile(stderrFile, 'utf8')).toBe('1\n2\n3\n');
      expect(result.stdout.text).toBe(expected.slice(-100));
      expect(result.stdout.totalBytes).toBe(expected.length);
    });

    it('truncates existing output files', async () => {
      await using dir = await makeTempDir();
      const stdoutFile = join(dir.path, 'out.log');
      await writeFile(stdoutFile, 'stale output from an earlier attempt\n');
      await run('echo fresh', { stdoutFile });
      expect(await readFile(stdoutFile, 'utf8')).toBe('fresh\n');
    });

    it('creates an output file only for a stream that had output, and drops a stale one', async () => {
      await using dir = await makeTempDir();
      const stdoutFile = join(dir.path, 'out.log');
      const stderrFile = join(dir.path, 'err.log');
      await writeFile(stderrFile, 'stale stderr from an earlier attempt\n');
      const result = await run('echo only-stdout', { stdoutFile, stderrFile });
      expect(result.exitCode).toBe(0);
      expect(await readFile(stdoutFile, 'utf8')).toBe('only-stdout\n');
      expect(existsSync(stderrFile)).toBe(false);
      await run('true', { stdoutFile, stderrFile });
      expect(existsSync(stdoutFile)).toBe(false);
    });

    it('drops a multi-byte character cut at the start of the tail', async () => {
      // Three 'é' (2 bytes each); a 5-byte tail starts inside the first one.
      const result = await run("printf '\\303\\251\\303\\251\\303\\251'", { tailBytes: 5 });
      expect(result.stdout).toEqual({ text: 'éé', totalBytes: 6, truncated: true });
    });

    it('reports an unwritable output file but still captures the tail', async () => {
      const result = await run('echo still-here', { stdoutFile: '/nonexistent-dir/out.log' });
      expect(result.exitCode).toBe(0);
      expect(result.stdout.text).toBe('still-here\n');
      expect(result.outputError).toContain('/nonexistent-dir/out.log');
    });

    it('keeps memory small for a large output (streams with backpressure)', async () => {
      await using dir = await makeTempDir();
      const stdoutFile = join(dir.path, 'big.log');
      const size = 128 * 1024 * 1024;
      await run('true'); // the helper is running
      const before = impl.rss();
      const result = await run(`head -c ${size} /dev/zero`, { tailBytes: 4096, stdoutFile });
      const grown = impl.rss() - before;
      expect(result.stdout.totalBytes).toBe(size);
      expect(result.stdout.text.length).toBe(4096);
      expect((await stat(stdoutFile)).size).toBe(size);
      expect(grown).toBeLessThan(size / 2);
    });
  });

  describe('timeouts, kills and aborts', () => {
    it('kills the whole process group on timeout, grandchild included', async () => {
      await using dir = await makeTempDir();
      const pidFile = join(dir.path, 'grandchild.pid');
      const started = Date.now();
      const result = await run(`sleep 30 & echo $! > '${pidFile}'; sleep 30`, { timeoutMs: 200 });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(result.timedOut).toBe(true);
      expect(result.aborted).toBe(false);
      expect(result.exitCode).toBeNull();
      expect(result.signal).toBe('SIGTERM');
      expect(await waitUntilGone(await readPid(pidFile))).toBe(true);
    });

    it('sends SIGKILL after the grace period to a child that ignores SIGTERM', async () => {
      const started = Date.now();
      const result = await run('trap "" TERM; sleep 30', { timeoutMs: 100, killGraceMs: 300 });
      const elapsed = Date.now() - started;
      expect(result.timedOut).toBe(true);
      expect(result.signal).toBe('SIGKILL');
      expect(elapsed).toBeGreaterThanOrEqual(380);
      expect(elapsed).toBeLessThan(3000);
    });

    it('kills the group when the AbortSignal fires', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('run stopped')), 100);
      const started = Date.now();
      const result = await run('sleep 30', {}, controller.signal);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(result.aborted).toBe(true);
      expect(result.timedOut).toBe(false);
      expect(result.exitCode).toBeNull();
    });

    it('does not start anything when the signal is already aborted', async () => {
      await using dir = await makeTempDir();
      const result = await run('touch started', { cwd: dir.path }, AbortSignal.abort());
      expect(result.aborted).toBe(true);
      expect(existsSync(join(dir.path, 'started'))).toBe(false);
    });

    it('does not hang on a background grandchild that holds stdout open', async () => {
      await using dir = await makeTempDir();
      const pidFile = join(dir.path, 'bg.pid');
      const started = Date.now();
      const result = await run(`sleep 30 & echo $! > '${pidFile}'; echo done`);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.exitCode).toBe(0);
      expect(result.timedOut).toBe(false);
      expect(result.stdout.text).toBe('done\n');
      expect(await waitUntilGone(await readPid(pidFile))).toBe(true);
    });

    it('ignores a timeout that never fires', async () => {
      const result = await run('echo quick', { timeoutMs: 10_000 });
      expect(result).toMatchObject({ exitCode: 0, timedOut: false, aborted: false });
    });
  });

  describe('spawn errors', () => {
    it('returns spawnError for a missing cwd instead of throwing', async () => {
      const result = await run('echo never', { cwd: '/definitely/not/here' });
      expect(result.exitCode).toBeNull();
      expect(result.spawnError).toBe("working directory '/definitely/not/here' does not exist");
    });

    it('returns spawnError when cwd is a file', async () => {
      await using dir = await makeTempDir();
      const file = join(dir.path, 'plain.txt');
      await writeFile(file, 'x');
      const result = await run('echo never', { cwd: file });
      expect(result.spawnError).toContain('is not a directory');
    });

    it('returns spawnError when the environment cannot be passed', async () => {
      const result = await run('echo never', { env: { ...baseEnv, BAD: 'nul\0byte' } });
      expect(result.exitCode).toBeNull();
      expect(result.spawnError).toMatch(/could not start sh/);
    });
  });
});

describe('TailBuffer', () => {
  it.each([
    [['abc', 'def'], 4, 'cdef', true],
    [['abc'], 10, 'abc', false],
    [['abcdefgh'], 3, 'fgh', true],
    [['a', 'b', 'c'], 0, '', true],
    [[], 5, '', false]
  ])('chunks %p with limit %p → %p', (chunks, limit, text, truncated) => {
    const tail = new TailBuffer(limit);
    for (const c of chunks) tail.push(Buffer.from(c));
    expect(tail.toTail()).toEqual({ text, totalBytes: chunks.join('').length, truncated });
  });

  it('always keeps exactly the last `limit` bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 50 })),
        fc.integer({ min: 0, max: 120 }),
        (chunks, limit) => {
          const ascii = chunks.map((c) => c.replace(/[^\x20-\x7e]/g, 'x'));
          const tail = new TailBuffer(limit);
          for (const c of ascii) tail.push(Buffer.from(c));
          const all = ascii.join('');
          const expected = limit === 0 ? '' : all.slice(-limit);
          expect(tail.toTail()).toEqual({
            text: expected,
            totalBytes: all.length,
            truncated: all.length > expected.length
          });
        }
      )
    );
  });
});
