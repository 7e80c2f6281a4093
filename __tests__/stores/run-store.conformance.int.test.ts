/** One suite for the RunStore port, run against every implementation. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isTrackerError } from '../../src/common/errors.js';
import { join } from 'node:path';
import type { RunStore } from '../../src/ports/run-store.js';
import { FreshStageSet } from '../../src/stores/fresh-stage-set.js';
import { FsRunStore } from '../../src/stores/fs-run-store.js';
import { MemoryRunStore } from '../../src/stores/memory-run-store.js';
import { makeTempDir } from '../support/temp-dir.js';

type Factory = () => Promise<{ store: RunStore; cleanup: () => Promise<void> }>;

function describeRunStore(name: string, create: Factory): void {
  describe(`RunStore: ${name}`, () => {
    it('keeps stage files per node and reads them back', async () => {
      const { store, cleanup } = await create();
      await store.writeStageFile('a', 'prompt.md', 'hello');
      await store.writeStageFile('b', 'prompt.md', 'other');
      expect(await store.readStageFile('a', 'prompt.md')).toBe('hello');
      expect(await store.readStageFile('b', 'prompt.md')).toBe('other');
      expect(await store.readStageFile('a', 'missing.md')).toBeUndefined();
      await cleanup();
    });

    it('overwrites and removes stage files', async () => {
      const { store, cleanup } = await create();
      await store.writeStageFile('a', 'status.json', '1');
      await store.writeStageFile('a', 'status.json', '2');
      expect(await store.readStageFile('a', 'status.json')).toBe('2');
      await store.removeStageFile('a', 'status.json');
      await store.removeStageFile('a', 'status.json');
      expect(await store.readStageFile('a', 'status.json')).toBeUndefined();
      await cleanup();
    });

    it('overwrites a stage file with shorter, longer and empty content', async () => {
      const { store, cleanup } = await create();
      for (const content of [
        'a long first version',
        'short',
        'a much longer third version',
        '',
        'é✓'
      ]) {
        await store.writeStageFile('a', 'tool_output.txt', content);
        expect(await store.readStageFile('a', 'tool_output.txt')).toBe(content);
      }
      await store.removeStageFile('a', 'tool_output.txt');
      await store.writeStageFile('a', 'tool_output.txt', 'again');
      expect(await store.readStageFile('a', 'tool_output.txt')).toBe('again');
      await cleanup();
    });

    it('names stage directories under the run directory', async () => {
      const { store, cleanup } = await create();
      expect(store.stageDir('node_1')).toBe(join(store.runDir, 'node_1'));
      expect(await store.ensureStageDir('node_1')).toBe(store.stageDir('node_1'));
      await cleanup();
    });

    it('orders calls on one file as they were made, background writes included', async () => {
      const { store, cleanup } = await create();
      // Not awaited in between: the store itself must keep the order.
      const calls = [
        store.writeStageFile('a', 'status.json', 'first', { background: true }),
        store.removeStageFile('a', 'status.json'),
        store.writeStageFile('a', 'status.json', 'second', { background: true }),
        store.readStageFile('a', 'status.json')
      ];
      const results = await Promise.all(calls);
      expect(results[3]).toBe('second');
      await store.writeStageFile('a', 'late.txt', 'x', { background: true });
      await store.removeStageFile('a', 'late.txt');
      await store.flush();
      expect(await store.readStageFile('a', 'late.txt')).toBeUndefined();
      await cleanup();
    });

    it('has written every background write once flush resolves', async () => {
      const { store, cleanup } = await create();
      for (let i = 0; i < 20; i++) {
        await store.writeStageFile(`n${i}`, 'tool_output.txt', `out ${i}`, { background: true });
      }
      await store.flush();
      for (let i = 0; i < 20; i++) {
        expect(await store.readStageFile(`n${i}`, 'tool_output.txt')).toBe(`out ${i}`);
      }
      await cleanup();
    });

    it("has written a stage's background writes once settleStage resolves", async () => {
      const { store, cleanup } = await create();
      await store.writeStageFile('s', 'status.json', '{"outcome":"success"}', { background: true });
      await store.settleStage('s');
      expect(await store.readStageFile('s', 'status.json')).toBe('{"outcome":"success"}');
      await store.flush();
      await cleanup();
    });

    it('reads the tail of a stage file without the part before it', async () => {
      const { store, cleanup } = await create();
      await store.writeStageFile('a', 'stderr.log', 'x'.repeat(100_000) + 'é end\n');
      expect(await store.readStageFileTail('a', 'stderr.log', 7)).toBe('é end\n');
      // Six bytes start inside 'é' (two bytes): the cut character is dropped, not garbled.
      expect(await store.readStageFileTail('a', 'stderr.log', 6)).toBe(' end\n');
      await store.writeStageFile('a', 'short.log', 'tiny');
      expect(await store.readStageFileTail('a', 'short.log', 1024)).toBe('tiny');
      expect(await store.readStageFileTail('a', 'missing.log', 1024)).toBeUndefined();
      await cleanup();
    });

    it('keeps run files', async () => {
      const { store, cleanup } = await create();
      await store.writeRunFile('manifest.json', '{"a":1}');
      expect(await store.readRunFile('manifest.json')).toBe('{"a":1}');
      expect(await store.readRunFile('nope.json')).toBeUndefined();
      await cleanup();
    });
  });
}

describeRunStore('memory', () =>
  Promise.resolve({ store: new MemoryRunStore('/memory/run'), cleanup: () => Promise.resolve() })
);
describeRunStore('fs', async () => {
  const dir = await makeTempDir();
  return {
    store: new FsRunStore(join(dir.path, 'run')),
    cleanup: async () => {
      await dir[Symbol.asyncDispose]();
    }
  };
});

describe('FsRunStore specifics', () => {
  it('writes real files and appends activity lines', async () => {
    await using dir = await makeTempDir();
    const store = new FsRunStore(join(dir.path, 'run'));
    await store.writeStageFile('n', 'response.md', 'text');
    await store.appendActivity('{"a":1}');
    await store.appendActivity('{"b":2}\n');
    expect(readFileSync(join(dir.path, 'run', 'n', 'response.md'), 'utf8')).toBe('text');
    expect(readFileSync(join(dir.path, 'run', 'activity.jsonl'), 'utf8')).toBe(
      '{"a":1}\n{"b":2}\n'
    );
  });

  it('reports a failed background write from flush, with code IO', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'run'), 'a file where the run directory should be');
    const store = new FsRunStore(join(dir.path, 'run'));
    await expect(
      store.writeStageFile('n', 'status.json', '{}', { background: true })
    ).resolves.toBeUndefined();
    const error: unknown = await store.flush().catch((e: unknown) => e);
    expect(isTrackerError(error) && error.code).toBe('IO');
    expect(String((error as Error).message)).toContain(join(dir.path, 'run'));
    await expect(store.flush()).resolves.toBeUndefined(); // reported once
  });

  it('removes prepared stage directories of nodes that never ran, and keeps the others', async () => {
    await using dir = await makeTempDir();
    const run = join(dir.path, 'run');
    const store = new FsRunStore(run);
    store.prepareStage('taken');
    store.prepareStage('untaken');
    await store.ensureStageDir('taken');
    await store.writeStageFile('taken', 'status.json', '{}');
    await store.flush(); // the prepared directories exist by now (mkdir settled before rmdir)
    expect(existsSync(join(run, 'taken', 'status.json'))).toBe(true);
    expect(existsSync(join(run, 'untaken'))).toBe(false);
    expect(existsSync(join(run, '.prepared'))).toBe(false);
  });

  it('keeps a prepared stage directory out of sight until its stage starts', async () => {
    await using dir = await makeTempDir();
    const run = join(dir.path, 'run');
    const store = new FsRunStore(run);
    store.prepareStage('next', ['tool_context.json']);
    const hidden = join(run, '.prepared', 'next');
    for (let i = 0; i < 1000 && !existsSync(join(hidden, 'tool_context.json')); i++)
      await new Promise((r) => setImmediate(r));
    expect(existsSync(join(hidden, 'tool_context.json'))).toBe(true);
    expect(existsSync(join(run, 'next'))).toBe(false);
    await store.ensureStageDir('next');
    expect(existsSync(join(run, 'next', 'tool_context.json'))).toBe(true);
    expect(existsSync(hidden)).toBe(false);
    expect(store.freshStages.claim(store.stageDir('next'))).toBe(true);
    await store.flush();
    expect(existsSync(join(run, '.prepared'))).toBe(false);
  });

  it('never takes over a stage directory that exists: the prepared copy is dropped', async () => {
    await using dir = await makeTempDir();
    const run = join(dir.path, 'run');
    const store = new FsRunStore(run);
    store.prepareStage('other');
    for (let i = 0; i < 1000 && !existsSync(join(run, '.prepared', 'other')); i++)
      await new Promise((r) => setImmediate(r));
    mkdirSync(join(run, 'other'));
    writeFileSync(join(run, 'other', 'made-by-hand.txt'), 'keep me');
    await store.ensureStageDir('other');
    expect(store.freshStages.claim(store.stageDir('other'))).toBe(false);
    await store.flush();
    expect(readFileSync(join(run, 'other', 'made-by-hand.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(join(run, '.prepared'))).toBe(false);
  });

  it("settleStage lands a stage's background writes before it resolves", async () => {
    await using dir = await makeTempDir();
    const run = join(dir.path, 'run');
    const store = new FsRunStore(run);
    await store.writeStageFile('done', 'status.json', '{"outcome":"success"}', {
      background: true
    });
    await store.writeStageFile('done', 'tool_output.txt', 'out', { background: true });
    await store.writeStageFile('other', 'status.json', '{}', { background: true });
    expect(existsSync(join(run, 'done', 'status.json'))).toBe(false); // still queued
    await store.settleStage('done');
    expect(readFileSync(join(run, 'done', 'status.json'), 'utf8')).toBe('{"outcome":"success"}');
    expect(readFileSync(join(run, 'done', 'tool_output.txt'), 'utf8')).toBe('out');
    await store.settleStage('never-written'); // nothing pending: resolves
    await store.flush();
  });

  it('creates prepared files ahead; a written one keeps its content, an unwritten one is removed', async () => {
    await using dir = await makeTempDir();
    const run = join(dir.path, 'run');
    const store = new FsRunStore(run);
    store.prepareStage('next', ['tool_context.json']);
    store.prepareStage('skipped', ['tool_context.json']);
    await store.writeStageFile('next', 'tool_context.json', '{"a":1}\n');
    expect(readFileSync(join(run, 'next', 'tool_context.json'), 'utf8')).toBe('{"a":1}\n');
    await store.flush();
    expect(readFileSync(join(run, 'next', 'tool_context.json'), 'utf8')).toBe('{"a":1}\n');
    expect(existsSync(join(run, 'skipped'))).toBe(false);
  });

  it('records the stage directories it creates as fresh, once, in a set its restart stores share', async () => {
    await using dir = await makeTempDir();
    const run = join(dir.path, 'run');
    mkdirSync(join(run, 'old'), { recursive: true });
    const freshStages = new FreshStageSet();
    const store = new FsRunStore(run, { freshStages });
    const made = await store.ensureStageDir('made');
    const old = await store.ensureStageDir('old');
    store.prepareStage('prepared');
    for (let i = 0; i < 1000 && !existsSync(join(run, '.prepared', 'prepared')); i++)
      await new Promise((r) => setImmediate(r));
    const adopted = await store.ensureStageDir('prepared'); // renamed into place: made by this run
    expect(freshStages.claim(made)).toBe(true);
    expect(freshStages.claim(made)).toBe(false);
    expect(freshStages.claim(old)).toBe(false);
    expect(freshStages.claim(adopted)).toBe(true);
    const restart = new FsRunStore(join(run, 'restart-1'), { freshStages });
    expect(freshStages.claim(await restart.ensureStageDir('made'))).toBe(true);
  });

  it.each([
    ['..', '%2E%2E'],
    ['.', '%2E'],
    ['.prepared', '%2Eprepared'],
    ['.hidden', '%2Ehidden'],
    ['a/b', 'a%2Fb'],
    ['a\\b', 'a%5Cb'],
    ['50%', '50%25'],
    ['plain id', 'plain id']
  ])('keeps node id %j inside the run directory as %j', async (id, name) => {
    await using dir = await makeTempDir();
    const store = new FsRunStore(join(dir.path, 'run'));
    await store.writeStageFile(id, 'status.json', '{}');
    expect(store.stageDir(id)).toBe(join(dir.path, 'run', name));
    expect(existsSync(join(dir.path, 'run', name, 'status.json'))).toBe(true);
    expect(await store.readStageFile(id, 'status.json')).toBe('{}');
  });

  it.each(['..', '.', 'a/b'])('refuses the unsafe file name %j', async (bad) => {
    await using dir = await makeTempDir();
    const store = new FsRunStore(join(dir.path, 'run'));
    await expect(store.writeStageFile('ok', bad, '')).rejects.toThrow('Unsafe file name');
  });
});
