/**
 * The run service with a run archive: it restores before it locates a run and publishes when the run
 * ends, so a run started in one workspace continues in a fresh one (another job, another machine).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunArchive } from '../../src/ports/run-archive.js';
import { runArchiveKey } from '../../src/ports/run-archive.js';
import { DirectoryRunArchive } from '../../src/stores/directory-run-archive.js';
import { FakeProcessRunner } from '../support/fake-process-runner.js';
import { finished, runService } from '../support/run-service.js';
import { makeTempDir } from '../support/temp-dir.js';

const TWO_STEPS = `digraph two {
  start [shape=Mdiamond]; done [shape=Msquare]
  step1 [shape=parallelogram, tool_command="one"]
  step2 [shape=parallelogram, tool_command="two"]
  start -> step1 -> step2 -> done
}`;

function ids(...names: string[]): () => string {
  const queue = [...names];
  return () => queue.shift() ?? 'exhausted';
}

describe('startRun with a run archive', () => {
  it('publishes the run when it ends, under its pipeline and run id', async () => {
    await using dir = await makeTempDir();
    const archive = new DirectoryRunArchive(join(dir.path, 'archive'));
    const { result, notices } = await runService(
      dir.path,
      TWO_STEPS,
      { target: { kind: 'new', runId: 'r1' } },
      { archive, processRunner: new FakeProcessRunner({}, { exitCode: 1 }) }
    );
    const run = finished(result);
    expect(run.status).toBe('fail');
    expect(run.published?.key).toBe(runArchiveKey(run.pipeline.sha256, 'r1'));
    expect(existsSync(join(run.published?.location ?? '', 'checkpoint.json'))).toBe(true);
    expect(notices).toContainEqual({
      type: 'archive_published',
      reason: 'fail',
      published: run.published
    });
  });

  it("'latest' resumes the newest unfinished run in a fresh workspace, and starts anew once it succeeded", async () => {
    await using dir = await makeTempDir();
    const archive = new DirectoryRunArchive(join(dir.path, 'archive'));
    const workspace = join(dir.path, 'ws');
    const newRunId = ids('first', 'second');
    const first = await runService(
      dir.path,
      TWO_STEPS,
      { target: { kind: 'latest' }, workdir: 'ws' },
      { archive, newRunId, processRunner: new FakeProcessRunner({}, { exitCode: 1 }) }
    );
    expect(finished(first.result)).toMatchObject({
      status: 'fail',
      runId: 'first',
      resumed: false
    });
    rmSync(workspace, { recursive: true }); // the next job starts from a clean checkout

    const again = new FakeProcessRunner();
    const resumed = await runService(
      dir.path,
      undefined,
      { target: { kind: 'latest' }, workdir: 'ws' },
      { archive, newRunId, processRunner: again }
    );
    expect(finished(resumed.result)).toMatchObject({
      status: 'success',
      runId: 'first',
      resumed: true,
      completedNodes: ['start', 'step1', 'step2', 'done']
    });
    expect(again.specs.map((s) => s.command)).toEqual(['two']);
    expect(resumed.notices).toContainEqual(
      expect.objectContaining({
        type: 'archive_restored',
        runDir: join(workspace, '.tracker/runs/first')
      })
    );

    const fresh = await runService(
      dir.path,
      undefined,
      { target: { kind: 'latest' }, workdir: 'ws' },
      { archive, newRunId }
    );
    expect(finished(fresh.result)).toMatchObject({
      status: 'success',
      runId: 'second',
      resumed: false
    });
  });

  it('resumes a run by its ID from the archive when it is not on this machine', async () => {
    await using dir = await makeTempDir();
    const archive = new DirectoryRunArchive(join(dir.path, 'archive'));
    await runService(
      dir.path,
      TWO_STEPS,
      { target: { kind: 'new', runId: 'r1' } },
      { archive, processRunner: new FakeProcessRunner({}, { exitCode: 1 }) }
    );
    rmSync(join(dir.path, '.tracker'), { recursive: true });
    const { result } = await runService(
      dir.path,
      undefined,
      { target: { kind: 'run', run: 'r1' } },
      { archive }
    );
    expect(finished(result)).toMatchObject({ status: 'success', resumed: true });
  });

  it('reports a failing archive as notices and runs anyway', async () => {
    await using dir = await makeTempDir();
    const broken: RunArchive = {
      restore: () => Promise.reject(new Error('cache service unavailable')),
      publish: () => Promise.reject(new Error('read-only token'))
    };
    const { result, notices } = await runService(
      dir.path,
      TWO_STEPS,
      { target: { kind: 'latest' } },
      {
        archive: broken
      }
    );
    expect(finished(result).status).toBe('success');
    expect(finished(result).published).toBeUndefined();
    expect(notices).toEqual([
      { type: 'archive_failed', operation: 'restore', message: 'cache service unavailable' },
      { type: 'archive_failed', operation: 'publish', message: 'read-only token' }
    ]);
  });
});
