/**
 * The product's core promise: a 50-node pipeline killed with SIGKILL at 20 random moments and resumed each
 * time ends with exactly the completed nodes and context of an uninterrupted run, and no node that the
 * checkpoint recorded as completed ever runs again. Uses the bundled CLI (dist/cli.js), as users do; the
 * dist-sync test keeps it equal to src.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../support/temp-dir.js';

const CLI = resolve(import.meta.dirname, '../../dist/cli.js');
const NODES = 50;

function pipeline(): string {
  const ids = Array.from({ length: NODES }, (_, i) => `n${String(i).padStart(2, '0')}`);
  const nodes = ids.map((id, i) =>
    i % 10 === 9
      ? `${id} [prompt="think ${id}"]`
      : `${id} [shape=parallelogram, tool_command="sleep 0.1; echo ${id} >> trail.txt; echo out-${id}"]`
  );
  return `digraph crash { graph [goal="survive"] start [shape=Mdiamond]; done [shape=Msquare]\n${nodes.join('\n')}\nstart -> ${ids.join(' -> ')} -> done }\n`;
}

/** A seeded PRNG (mulberry32) so the kill schedule is reproducible. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function startCli(args: string[], cwd: string): { done: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: 'ignore' });
  return {
    done: new Promise((r) => child.on('exit', (code) => r(code))),
    kill: () => child.kill('SIGKILL')
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Checkpoint {
  status: string;
  completed_nodes: string[];
  context: Record<string, unknown>;
}

function readCheckpoint(path: string): Checkpoint | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Checkpoint) : undefined;
}

function trail(dir: string): string[] {
  const file = join(dir, 'trail.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
}

describe('crash safety', () => {
  it('survives 20 SIGKILLs at random moments', async () => {
    await using reference = await makeTempDir();
    writeFileSync(join(reference.path, 'p.dot'), pipeline());
    expect(
      await startCli(['p.dot', '--run-id', 'reference000', '--quiet'], reference.path).done
    ).toBe(0);
    const expected = readCheckpoint(
      join(reference.path, '.tracker/runs/reference000/checkpoint.json')
    );

    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'p.dot'), pipeline());
    const cpPath = join(dir.path, '.tracker/runs/crashrun0000/checkpoint.json');
    const random = prng(20261125);
    let kills = 0;
    let attempt = 0;
    let finished = false;
    while (!finished && attempt < 60) {
      attempt++;
      const before = readCheckpoint(cpPath);
      const completedBefore = new Set(before?.completed_nodes ?? []);
      const trailBefore = trail(dir.path).length;
      const args = before
        ? ['-c', '.tracker/runs/crashrun0000/checkpoint.json', 'p.dot', '--quiet']
        : ['p.dot', '--run-id', 'crashrun0000', '--quiet'];
      const run = startCli(args, dir.path);
      if (kills < 20) {
        const outcome = await Promise.race([
          run.done.then(() => 'exited' as const),
          sleep(60 + random() * 400).then(() => 'timer' as const)
        ]);
        if (outcome === 'timer') {
          run.kill();
          await run.done;
          kills++;
        } else finished = true;
      } else {
        expect(await run.done).toBe(0);
        finished = true;
      }
      await sleep(150); // let an orphaned tool process (its parent was killed) finish its echo
      const ranNow = trail(dir.path).slice(trailBefore);
      const rerun = ranNow.filter((id) => completedBefore.has(id));
      expect({ attempt, rerun }).toEqual({ attempt, rerun: [] });
    }
    expect(kills).toBe(20);
    const final = readCheckpoint(cpPath);
    expect(final?.status).toBe('success');
    expect(final?.completed_nodes).toEqual(expected?.completed_nodes);
    const volatile = new Set(['current_node']);
    const strip = (c: Record<string, unknown> | undefined) =>
      Object.fromEntries(
        Object.entries(c ?? {}).filter(
          ([k]) => !volatile.has(k) && !k.startsWith('internal.retry_count')
        )
      );
    expect(strip(final?.context)).toEqual(strip(expected?.context));
    expect(new Set(trail(dir.path))).toEqual(new Set(trail(reference.path)));
  }, 180_000);
});
