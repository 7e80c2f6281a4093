/** One suite for the RunStore port, run against every implementation. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStore } from '../../src/ports/run-store.js';
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

    it('names stage directories under the run directory', async () => {
      const { store, cleanup } = await create();
      expect(store.stageDir('node_1')).toBe(join(store.runDir, 'node_1'));
      expect(await store.ensureStageDir('node_1')).toBe(store.stageDir('node_1'));
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

  it.each([
    ['..', '%2E%2E'],
    ['.', '%2E'],
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
