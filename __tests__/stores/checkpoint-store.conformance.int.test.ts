/** One suite for the CheckpointStore port, run against every implementation. */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checkpoint } from '../../src/ports/checkpoint.js';
import { CHECKPOINT_VERSION } from '../../src/ports/checkpoint.js';
import { serializeCheckpoint } from '../../src/engine/checkpoint.js';
import { isTrackerError } from '../../src/common/errors.js';
import type { CheckpointStore } from '../../src/ports/checkpoint-store.js';
import { CHECKPOINT_SLOTS, FsCheckpointStore } from '../../src/stores/fs-checkpoint-store.js';
import { MemoryCheckpointStore } from '../../src/stores/memory-checkpoint-store.js';
import { makeTempDir } from '../support/temp-dir.js';

function checkpoint(step: number, extra: Partial<Checkpoint> = {}): Checkpoint {
  return {
    version: CHECKPOINT_VERSION,
    run_id: 'abc',
    pipeline: { name: 'p', file: 'p.dot', sha256: 'h' },
    status: 'running',
    current_node: `n${step}`,
    next_node: `n${step + 1}`,
    completed_nodes: Array.from({ length: step + 1 }, (_, i) => `n${i}`),
    node_outcomes: { [`n${step}`]: { status: 'success', attempts: 1 } },
    node_retries: {},
    visits: { [`n${step}`]: 1 },
    context: { step, nested: { list: [1, 2, 3], text: 'line\nbreak "quoted"' } },
    restart_count: 0,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, step)).toISOString(),
    ...extra
  };
}

type Factory = () => Promise<{ store: CheckpointStore; cleanup: () => Promise<void> }>;

function describeCheckpointStore(name: string, create: Factory): void {
  describe(`CheckpointStore: ${name}`, () => {
    it('loads undefined before the first save', async () => {
      const { store, cleanup } = await create();
      await expect(store.load()).resolves.toBeUndefined();
      await cleanup();
    });

    it('round-trips a checkpoint exactly', async () => {
      const { store, cleanup } = await create();
      const cp = checkpoint(3, {
        parallel: {
          fork: {
            node: 'fork',
            branches: {
              b1: {
                done: true,
                completed_nodes: ['b1'],
                context_updates: { x: 1 },
                status: 'success'
              }
            }
          }
        }
      });
      await store.save(serializeCheckpoint(cp));
      await store.flush?.();
      expect(await store.load()).toEqual(cp);
      await cleanup();
    });

    it('returns the latest of many saves', async () => {
      const { store, cleanup } = await create();
      for (let i = 0; i < 25; i++) await store.save(serializeCheckpoint(checkpoint(i)));
      expect((await store.load())?.current_node).toBe('n24');
      await cleanup();
    });

    it('returns an independent copy (mutating it does not change the store)', async () => {
      const { store, cleanup } = await create();
      await store.save(serializeCheckpoint(checkpoint(1)));
      const first = await store.load();
      (first?.completed_nodes as string[]).push('tampered');
      expect((await store.load())?.completed_nodes).not.toContain('tampered');
      await cleanup();
    });
  });
}

describeCheckpointStore('memory', () =>
  Promise.resolve({ store: new MemoryCheckpointStore(), cleanup: () => Promise.resolve() })
);

for (const durability of ['background', 'sync', 'none'] as const) {
  describeCheckpointStore(`fs (${durability})`, async () => {
    const dir = await makeTempDir();
    return {
      store: new FsCheckpointStore(join(dir.path, 'run', 'checkpoint.json'), { durability }),
      cleanup: async () => {
        await dir[Symbol.asyncDispose]();
      }
    };
  });
}

describe('FsCheckpointStore specifics', () => {
  it('writes snake_case JSON with a version and leaves no temp files behind', async () => {
    await using dir = await makeTempDir();
    const path = join(dir.path, 'checkpoint.json');
    const store = new FsCheckpointStore(path);
    for (let i = 0; i < 5; i++) await store.save(serializeCheckpoint(checkpoint(i)));
    await store.flush();
    const raw = JSON.parse(readFileSync(path, 'utf8'));
    expect(raw.version).toBe(CHECKPOINT_VERSION);
    expect(Object.keys(raw)).toEqual(
      expect.arrayContaining([
        'run_id',
        'current_node',
        'completed_nodes',
        'node_outcomes',
        'node_retries',
        'context',
        'timestamp'
      ])
    );
    expect(readdirSync(dir.path)).toEqual(['checkpoint.json']);
  });

  it.each([
    ['not JSON', '{ nope', 'not valid JSON'],
    [
      'another version',
      JSON.stringify({ ...checkpoint(1), version: 99 }),
      'unsupported version 99'
    ],
    ['no run id', JSON.stringify({ ...checkpoint(1), run_id: '' }), "'run_id' is missing"],
    [
      'bad outcomes',
      JSON.stringify({ ...checkpoint(1), node_outcomes: { a: { status: 'great' } } }),
      'node_outcomes.a.status'
    ],
    ['bad retries', JSON.stringify({ ...checkpoint(1), node_retries: { a: -1 } }), 'node_retries.a']
  ])('refuses a damaged checkpoint (%s) with CHECKPOINT_INVALID', async (_what, text, message) => {
    await using dir = await makeTempDir();
    const path = join(dir.path, 'checkpoint.json');
    writeFileSync(path, text);
    const error: unknown = await new FsCheckpointStore(path).load().catch((e: unknown) => e);
    expect(isTrackerError(error) && error.code).toBe('CHECKPOINT_INVALID');
    expect(String((error as Error).message)).toContain(message);
  });

  it(`reuses ${CHECKPOINT_SLOTS} files in turn: saves neither create nor free inodes once warm`, async () => {
    await using dir = await makeTempDir();
    const path = join(dir.path, 'checkpoint.json');
    const store = new FsCheckpointStore(path, { durability: 'none' });
    const inodes = new Set<number>();
    for (let i = 0; i < 4 * CHECKPOINT_SLOTS; i++) {
      await store.save(serializeCheckpoint(checkpoint(i)));
      inodes.add(statSync(path).ino);
      expect((await store.load())?.current_node).toBe(`n${i}`);
    }
    expect(inodes.size).toBe(CHECKPOINT_SLOTS);
    expect(readdirSync(join(dir.path, '.checkpoint-slots'))).toHaveLength(CHECKPOINT_SLOTS);
    await store.flush();
    expect(readdirSync(dir.path)).toEqual(['checkpoint.json']);
  });

  it(`leaves a checkpoint a reader holds open unchanged for ${CHECKPOINT_SLOTS - 1} more saves`, async () => {
    await using dir = await makeTempDir();
    const path = join(dir.path, 'checkpoint.json');
    const store = new FsCheckpointStore(path, { durability: 'none' });
    for (let i = 0; i < 3; i++) await store.save(serializeCheckpoint(checkpoint(i)));
    const held = await open(path, 'r');
    try {
      const before = (await held.readFile('utf8')).toString();
      for (let i = 3; i < 3 + CHECKPOINT_SLOTS - 1; i++) {
        await store.save(serializeCheckpoint(checkpoint(i)));
      }
      const buffer = Buffer.alloc(before.length + 100);
      const { bytesRead } = await held.read(buffer, 0, buffer.length, 0);
      expect(buffer.subarray(0, bytesRead).toString('utf8')).toBe(before);
    } finally {
      await held.close();
    }
    await store.flush();
  });

  it('never rewrites the current checkpoint in place when a killed run left its slots', async () => {
    await using dir = await makeTempDir();
    const path = join(dir.path, 'checkpoint.json');
    const killed = new FsCheckpointStore(path, { durability: 'none' });
    await killed.save(serializeCheckpoint(checkpoint(0))); // slot 0 is now checkpoint.json; no flush
    const held = await open(path, 'r');
    try {
      const before = (await held.readFile('utf8')).toString();
      const resumed = new FsCheckpointStore(path, { durability: 'none' });
      await resumed.save(serializeCheckpoint(checkpoint(1))); // its first save also picks slot 0
      const buffer = Buffer.alloc(before.length + 100);
      const { bytesRead } = await held.read(buffer, 0, buffer.length, 0);
      expect(buffer.subarray(0, bytesRead).toString('utf8')).toBe(before);
      expect((await resumed.load())?.current_node).toBe('n1');
      await resumed.flush();
    } finally {
      await held.close();
    }
  });

  it('recreates a missing slot (a crash between rename and link)', async () => {
    await using dir = await makeTempDir();
    const path = join(dir.path, 'checkpoint.json');
    const store = new FsCheckpointStore(path, { durability: 'none' });
    await store.save(serializeCheckpoint(checkpoint(0)));
    rmSync(join(dir.path, '.checkpoint-slots'), { recursive: true });
    for (let i = 1; i <= CHECKPOINT_SLOTS + 1; i++) {
      await store.save(serializeCheckpoint(checkpoint(i)));
    }
    expect((await store.load())?.current_node).toBe(`n${CHECKPOINT_SLOTS + 1}`);
    await store.flush();
  });

  it('reports an unwritable location as an IO error', async () => {
    await using dir = await makeTempDir();
    writeFileSync(join(dir.path, 'file'), '');
    const error: unknown = await new FsCheckpointStore(
      join(dir.path, 'file', 'sub', 'checkpoint.json')
    )
      .save(serializeCheckpoint(checkpoint(1)))
      .catch((e: unknown) => e);
    expect(isTrackerError(error) && error.code).toBe('IO');
  });
});
