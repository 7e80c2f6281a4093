import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExample } from '../../examples/custom-handler/run.js';
import type { PipelineEvent } from '../../src/index.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('examples/custom-handler', () => {
  it('runs the custom word_count handler and routes on its result', async () => {
    await using dir = await makeTempDir();
    const events: PipelineEvent[] = [];
    const result = await runExample(dir.path, (e) => events.push(e));
    expect(result.status).toBe('success');
    expect(result.completedNodes).toEqual(['start', 'write', 'count', 'short', 'done']);
    expect(result.checkpoint.context['word_count.words']).toBe(9);
    expect(result.checkpoint.context['word_count.verdict']).toBe('ok');
    const count = events.find((e) => e.type === 'stage.completed' && e.nodeId === 'count');
    expect(count).toMatchObject({ handlerType: 'word_count', status: 'success' });
    expect(existsSync(join(dir.path, 'note.txt'))).toBe(true);
    expect(readFileSync(join(dir.path, 'note.txt'), 'utf8')).toContain('checkpoints');
  });
});
