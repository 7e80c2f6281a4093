/**
 * A run whose stages all finish at once (simulated LLM stages in a loop) must still stop on SIGTERM:
 * the engine yields to the event loop before every stage, so the signal handler gets to run. The CLI
 * runs in a child process (from src, through tsx), so a regression fails here instead of hanging jest.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_ENTRY, fromSourceEnv, TSX_LOADER } from '../support/from-source.js';
import { makeTempDir } from '../support/temp-dir.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('stopping a busy loop', () => {
  it('stops a loop of instant stages on SIGTERM, with exit 3 and a stopped checkpoint', async () => {
    await using dir = await makeTempDir();
    writeFileSync(
      join(dir.path, 'loop.dot'),
      `digraph l { start [shape=Mdiamond]; done [shape=Msquare]
        a [prompt="x"]; b [prompt="y"]
        start -> a -> b
        b -> a [condition="outcome=success"]
        b -> done [condition="outcome=fail"] }`
    );
    const child = spawn(
      process.execPath,
      [
        '--import',
        TSX_LOADER,
        CLI_ENTRY,
        'loop.dot',
        '--simulate',
        '--no-tui',
        '-q',
        '--run-id',
        'busy'
      ],
      {
        cwd: dir.path,
        stdio: 'ignore',
        env: fromSourceEnv()
      }
    );
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
      child.on('exit', (code, signal) => r({ code, signal }))
    );
    const checkpoint = join(dir.path, '.tracker', 'runs', 'busy', 'checkpoint.json');
    const visits = (): number => {
      try {
        const c = JSON.parse(readFileSync(checkpoint, 'utf8')) as { visits?: { a?: number } };
        return c.visits?.a ?? 0;
      } catch {
        return 0;
      }
    };
    for (let i = 0; i < 400 && visits() < 20; i++) await sleep(25); // the loop is running
    child.kill('SIGTERM');
    const hard = setTimeout(() => child.kill('SIGKILL'), 8000);
    const end = await exited;
    clearTimeout(hard);
    expect(end).toEqual({ code: 3, signal: null });
    expect(existsSync(checkpoint)).toBe(true);
    expect((JSON.parse(readFileSync(checkpoint, 'utf8')) as { status: string }).status).toBe(
      'stopped'
    );
  }, 30_000);
});
