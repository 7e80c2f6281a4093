/** The failure tail: one reader for the engine's failed branches and the CLI's failed-stage detail. */
import { describe, expect, it } from '@jest/globals';
import {
  FAILURE_TAIL_BYTES,
  FAILURE_TAIL_LINES,
  readFailureTail
} from '../../src/engine/failure-summary.js';
import { MemoryRunStore } from '../../src/stores/memory-run-store.js';

function storeWith(files: Record<string, string>): MemoryRunStore {
  const store = new MemoryRunStore();
  for (const [name, text] of Object.entries(files)) store.stageFiles.set(`build/${name}`, text);
  return store;
}

const numbered = (n: number): string =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('readFailureTail', () => {
  it('shows stderr before stdout, the last lines of each', async () => {
    const store = storeWith({ 'stdout.log': numbered(25), 'stderr.log': 'boom\n' });
    expect(await readFailureTail(store, 'build')).toEqual([
      { file: 'stderr.log', lines: ['boom'] },
      {
        file: 'stdout.log',
        lines: Array.from({ length: FAILURE_TAIL_LINES }, (_, i) => `line ${16 + i}`)
      }
    ]);
  });

  it('leaves out missing, blank and unreadable files', async () => {
    expect(await readFailureTail(storeWith({ 'stdout.log': '  \n\n' }), 'build')).toEqual([]);
    expect(await readFailureTail(storeWith({}), 'build')).toEqual([]);
    const broken = storeWith({ 'stderr.log': 'x\n', 'stdout.log': 'kept\n' });
    const read = broken.readStageFileTail.bind(broken);
    broken.readStageFileTail = (node, name, max) =>
      name === 'stderr.log' ? Promise.reject(new Error('EACCES')) : read(node, name, max);
    expect(await readFailureTail(broken, 'build')).toEqual([
      { file: 'stdout.log', lines: ['kept'] }
    ]);
  });

  it('reads only the trailing bytes of a large log', async () => {
    const huge = 'x'.repeat(FAILURE_TAIL_BYTES * 4) + '\nlast words\n';
    const store = storeWith({ 'stderr.log': huge });
    const asked: number[] = [];
    const read = store.readStageFileTail.bind(store);
    store.readStageFileTail = (node, name, max) => {
      asked.push(max);
      return read(node, name, max);
    };
    const [tail] = await readFailureTail(store, 'build');
    expect(asked).toEqual([FAILURE_TAIL_BYTES, FAILURE_TAIL_BYTES]);
    expect(tail?.lines.at(-1)).toBe('last words');
    expect(tail?.lines.join('\n').length).toBeLessThanOrEqual(FAILURE_TAIL_BYTES);
  });
});
