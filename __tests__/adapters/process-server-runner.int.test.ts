/**
 * What only the process helper does (what every runner does is in process-runner.conformance): where
 * its entry is found, commands running in-process while it starts, falling back in-process when it
 * cannot start, a helper that dies mid-command, Ctrl-C reaching the helper, and tracker itself dying
 * while commands run.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  HELPER_NODE_FLAGS,
  locateProcessServer,
  MAX_LOSSES,
  ProcessServerRunner
} from '../../src/adapters/process-server-runner.js';
import type { ProcessServerLocation } from '../../src/adapters/process-server-runner.js';
import type { ProcessSpec } from '../../src/ports/process-runner.js';
import { fromSourceEnv, ROOT, TSX_LOADER } from '../support/from-source.js';
import { isAlive } from '../support/processes.js';
import { makeTempDir } from '../support/temp-dir.js';

const PATH = process.env['PATH'] ?? '/usr/bin:/bin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function spec(command: string, extra: Partial<ProcessSpec> = {}): ProcessSpec {
  return { command, cwd: '/', env: { PATH }, tailBytes: 4096, ...extra };
}

function location(): ProcessServerLocation {
  const found = locateProcessServer();
  if (found === undefined) throw new Error('process helper entry not found');
  return found;
}

/** A runner whose every command runs in the helper (waiting for it to start). */
function helper(): ProcessServerRunner {
  return new ProcessServerRunner({ location: location(), whileStarting: 'wait' });
}

async function until(condition: () => boolean, withinMs = 5000): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; await sleep(20)) {
    if (condition()) return true;
  }
  return condition();
}

function readPid(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}

describe('locateProcessServer', () => {
  it('finds the bundled helper next to a bundle', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'process-server.js'), '');
    expect(locateProcessServer(pathToFileURL(join(dir.path, 'cli.js')).href)).toEqual({
      entry: join(dir.path, 'process-server.js'),
      execArgv: [...HELPER_NODE_FLAGS]
    });
  });

  it('finds the source entry from a source module, run through tsx', async () => {
    await using dir = await makeTempDir();
    await mkdir(join(dir.path, 'adapters'));
    writeFileSync(join(dir.path, 'process-server-entry.ts'), '');
    const from = pathToFileURL(join(dir.path, 'adapters', 'process-server-runner.ts')).href;
    expect(locateProcessServer(from)).toEqual({
      entry: join(dir.path, 'process-server-entry.ts'),
      execArgv: [...HELPER_NODE_FLAGS, '--import', 'tsx']
    });
  });

  it('finds nothing elsewhere', async () => {
    await using dir = await makeTempDir();
    expect(locateProcessServer(pathToFileURL(join(dir.path, 'cli.js')).href)).toBeUndefined();
    expect(locateProcessServer('data:text/javascript,')).toBeUndefined();
  });
});

describe('ProcessServerRunner while its helper starts', () => {
  it('runs commands in-process until the helper is ready, then in the helper', async () => {
    const runner = new ProcessServerRunner({ location: location() });
    const first = await runner.run(spec('echo $PPID'));
    expect(Number(first.stdout.text)).toBe(process.pid);
    await runner.whenReady();
    const pid = runner.helperPid;
    expect(pid).toBeDefined();
    const later = await runner.run(spec('echo $PPID'));
    expect(Number(later.stdout.text)).toBe(pid);
    expect(runner.fallbackReason).toBeUndefined();
    await runner.close();
    expect(await until(() => !isAlive(pid ?? 0))).toBe(true);
  });

  it('starts the helper with a second command, not for a lone short one', async () => {
    const runner = new ProcessServerRunner({ location: location(), startDelayMs: 60_000 });
    await runner.run(spec('true'));
    expect(runner.helperPid).toBeUndefined();
    const [one, two] = await Promise.all([
      runner.run(spec('sleep 0.1; echo one')),
      runner.run(spec('echo two'))
    ]);
    expect([one.stdout.text, two.stdout.text]).toEqual(['one\n', 'two\n']);
    const pid = runner.helperPid;
    expect(pid).toBeDefined();
    await runner.close();
    expect(await until(() => !isAlive(pid ?? 0))).toBe(true);
  });

  it('starts the helper once the first command has run for the start delay', async () => {
    const runner = new ProcessServerRunner({ location: location(), startDelayMs: 10 });
    const result = await runner.run(spec('sleep 0.3; echo $PPID'));
    expect(Number(result.stdout.text)).toBe(process.pid);
    expect(runner.helperPid).toBeDefined();
    await runner.close();
  });

  it('close() kills a helper that is still starting, and waits for it to go', async () => {
    const runner = new ProcessServerRunner({ location: location(), startDelayMs: 0 });
    await runner.run(spec('sleep 0.05'));
    const pid = runner.helperPid ?? 0;
    expect(pid).toBeGreaterThan(0);
    await runner.close();
    expect(isAlive(pid)).toBe(false);
  });

  it('runs commands in-process for good when the helper cannot start, and says so once', async () => {
    await using dir = await makeTempDir();
    const reasons: string[] = [];
    const runner = new ProcessServerRunner({
      location: { entry: join(dir.path, 'missing-entry.js'), execArgv: [] },
      onFallback: (reason) => reasons.push(reason)
    });
    expect((await runner.run(spec('echo first'))).stdout.text).toBe('first\n');
    await runner.whenReady();
    expect(reasons).toHaveLength(1);
    expect(runner.fallbackReason).toContain('missing-entry.js');
    expect((await runner.run(spec('echo $PPID'))).stdout.text).toBe(`${process.pid}\n`);
  });

  it('sends each command its complete environment (a change to the one before it on the wire)', async () => {
    const runner = helper();
    const show = 'echo "${A-unset} ${B-unset} ${C-unset}"';
    const env = (extra: Record<string, string>) => ({ PATH, ...extra });
    const outputs: string[] = [];
    const extras: Record<string, string>[] = [
      { A: '1', B: '2', C: '3' },
      { A: '1', B: '2', C: '3' },
      { A: '1', C: 'changed' },
      { A: 'x', B: 'y', C: 'z', D: 'w' },
      {}
    ];
    for (const extra of extras) {
      outputs.push((await runner.run({ ...spec(show), env: env(extra) })).stdout.text.trim());
    }
    expect(outputs).toEqual(['1 2 3', '1 2 3', '1 unset changed', 'x y z', 'unset unset unset']);
    await runner.close();
  });
});

describe('ProcessServerRunner', () => {
  it('runs commands in-process, once each, when the helper cannot start', async () => {
    await using dir = await makeTempDir();
    const reasons: string[] = [];
    const runner = new ProcessServerRunner({
      location: { entry: join(dir.path, 'missing-entry.js'), execArgv: [] },
      whileStarting: 'wait',
      onFallback: (reason) => reasons.push(reason)
    });
    const log = join(dir.path, 'ran.log');
    const results = await Promise.all(
      [1, 2].map((n) => runner.run(spec(`echo ${n} >> ran.log; echo ok-${n}`, { cwd: dir.path })))
    );
    expect(results.map((r) => [r.exitCode, r.stdout.text])).toEqual([
      [0, 'ok-1\n'],
      [0, 'ok-2\n']
    ]);
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean).sort()).toEqual(['1', '2']);
    expect(reasons).toHaveLength(1);
    expect(runner.fallbackReason).toContain('missing-entry.js');
    expect(runner.fallbackReason).toContain('exited with code 1');
    expect((await runner.run(spec('echo again'))).stdout.text).toBe('again\n');
  });

  it('kills a helper that does not get ready in time, and runs the commands in-process', async () => {
    await using dir = await makeTempDir();
    const silent = join(dir.path, 'silent.js');
    writeFileSync(silent, 'setInterval(() => undefined, 1000);\n'); // never says it is ready
    const runner = new ProcessServerRunner({
      location: { entry: silent, execArgv: [] },
      whileStarting: 'wait',
      readyTimeoutMs: 300
    });
    const started = Date.now();
    const result = await runner.run(spec('echo in-process'));
    expect(result.stdout.text).toBe('in-process\n');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(runner.fallbackReason).toMatch(/did not start within 300ms/);
  });

  it('reports a command whose helper died as unknown, then starts a new helper', async () => {
    const runner = helper();
    await runner.run(spec('true'));
    const first = runner.helperPid;
    expect(first).toBeDefined();
    const running = runner.run(spec('sleep 30'));
    await sleep(100);
    process.kill(first ?? 0, 'SIGKILL');
    const lost = await running;
    expect(lost.exitCode).toBeNull();
    expect(lost.spawnError).toMatch(
      /process helper stopped \(it was killed by SIGKILL\) while the command ran; its result is unknown/
    );
    const next = await runner.run(spec('echo back'));
    expect(next.stdout.text).toBe('back\n');
    expect(runner.helperPid).not.toBe(first);
    expect(runner.fallbackReason).toBeUndefined();
    await runner.close();
  });

  it(`runs in-process after ${MAX_LOSSES} helpers died`, async () => {
    const reasons: string[] = [];
    const runner = new ProcessServerRunner({
      location: location(),
      whileStarting: 'wait',
      onFallback: (r) => reasons.push(r)
    });
    for (let i = 0; i < MAX_LOSSES; i++) {
      await runner.run(spec('true'));
      const running = runner.run(spec('sleep 30'));
      await sleep(50);
      process.kill(runner.helperPid ?? 0, 'SIGKILL');
      expect((await running).spawnError).toMatch(/result is unknown/);
    }
    expect(reasons).toHaveLength(1);
    expect(runner.fallbackReason).toMatch(/killed by SIGKILL/);
    expect((await runner.run(spec('echo inline'))).stdout.text).toBe('inline\n');
    expect(runner.helperPid).toBeUndefined();
  });

  it('ignores SIGINT and SIGTERM sent to the helper: stopping commands is tracker’s call', async () => {
    const runner = helper();
    await runner.run(spec('true'));
    const pid = runner.helperPid ?? 0;
    const running = runner.run(spec('sleep 0.3; echo finished'));
    await sleep(50);
    process.kill(pid, 'SIGINT');
    process.kill(pid, 'SIGTERM');
    const result = await running;
    expect(result).toMatchObject({ exitCode: 0, aborted: false });
    expect(result.stdout.text).toBe('finished\n');
    expect(runner.helperPid).toBe(pid);
    await runner.close();
    expect(await until(() => !isAlive(pid))).toBe(true);
  });

  it('close() waits for running commands, then ends the helper', async () => {
    const runner = helper();
    const running = runner.run(spec('sleep 0.2; echo late'));
    await sleep(50);
    const pid = runner.helperPid ?? 0;
    await runner.close();
    expect((await running).stdout.text).toBe('late\n');
    expect(await until(() => !isAlive(pid))).toBe(true);
  });
});

describe('ProcessServerRunner in a tracker process', () => {
  /** A small program using the runner, run as its own process. */
  function program(
    dir: string,
    body: string,
    whileStarting: 'in-process' | 'wait' = 'in-process'
  ): ReturnType<typeof spawn> {
    const file = join(dir, 'program.mts');
    const runnerModule = pathToFileURL(join(ROOT, 'src/adapters/process-server-runner.ts')).href;
    writeFileSync(
      file,
      `import { locateProcessServer, ProcessServerRunner } from ${JSON.stringify(runnerModule)};
       const runner = new ProcessServerRunner({ location: locateProcessServer()!, whileStarting: '${whileStarting}' });
       const spec = (command: string) => ({ command, cwd: ${JSON.stringify(dir)}, env: { PATH: process.env.PATH! }, tailBytes: 1024 });
       ${body}`
    );
    return spawn(process.execPath, ['--import', TSX_LOADER, file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: fromSourceEnv()
    });
  }

  it('exits by itself once its commands are done (the idle helper keeps nothing alive)', async () => {
    await using dir = await makeTempDir();
    const child = program(
      dir.path,
      `const r = await runner.run(spec('echo from-helper')); process.stdout.write(r.stdout.text);`
    );
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(0);
    expect(out).toBe('from-helper\n');
  });

  it.each([
    ['it started', 'wait'],
    ['tracker started while it was starting', 'in-process']
  ] as const)(
    'when tracker is SIGKILLed, the helper kills the commands %s and exits',
    async (_what, whileStarting) => {
      await using dir = await makeTempDir();
      const pidFile = join(dir.path, 'grandchild.pid');
      const helperFile = join(dir.path, 'helper.pid');
      const child = program(
        dir.path,
        `const running = runner.run(spec("sleep 30 & echo $! > grandchild.pid; sleep 30"));
       await runner.whenReady();
       (await import('node:fs')).writeFileSync('${helperFile}', String(runner.helperPid));
       await running;`,
        whileStarting
      );
      const exited = new Promise((r) => child.on('exit', r));
      try {
        expect(await until(() => readPid(pidFile) > 0 && readPid(helperFile) > 0, 15_000)).toBe(
          true
        );
        const grandchild = readPid(pidFile);
        const helperPid = readPid(helperFile);
        expect(isAlive(grandchild)).toBe(true);
        child.kill('SIGKILL');
        await exited;
        expect(await until(() => !isAlive(grandchild))).toBe(true);
        expect(await until(() => !isAlive(helperPid))).toBe(true);
      } finally {
        child.kill('SIGKILL');
        for (const pid of [readPid(pidFile), readPid(helperFile)]) {
          if (pid > 0 && existsSync(`/proc/${pid}`)) {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // gone
            }
          }
        }
      }
    }
  );
});
