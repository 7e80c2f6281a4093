import { describe, expect, it } from '@jest/globals';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ActivityLogSink } from '../../src/adapters/activity-log-sink.js';
import type { PipelineEvent } from '../../src/ports/events.js';
import { makeTempDir } from '../support/temp-dir.js';

const event = (nodeId: string): PipelineEvent => ({
  type: 'stage.started',
  ts: 0,
  runId: 'r',
  seq: 1,
  nodeId,
  handlerType: 'tool',
  label: nodeId,
  attempt: 1,
  maxAttempts: 1
});

const lines = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { nodeId: string }).nodeId);

describe('ActivityLogSink', () => {
  it('appends one JSON line per event, in order, by the next turn of the event loop', async () => {
    await using dir = await makeTempDir();
    const sink = new ActivityLogSink(dir.path);
    const file = join(dir.path, 'activity.jsonl');
    sink.emit(event('a'));
    sink.emit(event('b'));
    expect(lines(file)).toEqual([]); // buffered within the turn
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines(file)).toEqual(['a', 'b']);
    sink.emit(event('c'));
    await sink.close();
    expect(lines(file)).toEqual(['a', 'b', 'c']);
  });

  it('appends to an existing log (a resumed run) and moves to a new directory on restart', async () => {
    await using dir = await makeTempDir();
    const first = new ActivityLogSink(dir.path);
    first.emit(event('before'));
    await first.close();
    const sink = new ActivityLogSink(dir.path);
    sink.emit(event('resumed'));
    sink.moveTo(join(dir.path, 'restart-1'));
    sink.emit(event('restarted'));
    await sink.close();
    expect(lines(join(dir.path, 'activity.jsonl'))).toEqual(['before', 'resumed']);
    expect(lines(join(dir.path, 'restart-1', 'activity.jsonl'))).toEqual(['restarted']);
  });

  it('ignores events after close, and reports a failed write from close() instead of crashing', async () => {
    await using dir = await makeTempDir();
    symlinkSync('/dev/full', join(dir.path, 'activity.jsonl')); // every write: ENOSPC
    const sink = new ActivityLogSink(dir.path);
    sink.emit(event('lost'));
    await new Promise((resolve) => setImmediate(resolve)); // the failing write happens here
    const closed: unknown = await sink.close().catch((e: unknown) => e);
    expect(String(closed)).toMatch(/ENOSPC/);
    sink.emit(event('after-close'));
    await new Promise((resolve) => setImmediate(resolve));
  });
});
