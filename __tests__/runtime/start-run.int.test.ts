/**
 * The run service: load, locate, assemble and run a pipeline, with the result as a value. Real run
 * directories in temp dirs; tool commands through a fake ProcessRunner (the port), no module mocks.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessSpec } from '../../src/ports/process-runner.js';
import { fsRunStores } from '../../src/runtime/run-stores.js';
import type { RunStoresFactory } from '../../src/runtime/run-stores.js';
import { MemoryCheckpointStore } from '../../src/stores/memory-checkpoint-store.js';
import { MemoryRunStore } from '../../src/stores/memory-run-store.js';
import { FakeProcessRunner } from '../support/fake-process-runner.js';
import { finished, runService } from '../support/run-service.js';
import { makeTempDir } from '../support/temp-dir.js';

const OK = `digraph ok {
  start [shape=Mdiamond]; done [shape=Msquare]
  build [shape=parallelogram, tool_command="make"]
  think [prompt="Think"]
  start -> build -> think -> done
}`;

const TWO_STEPS = `digraph two {
  start [shape=Mdiamond]; done [shape=Msquare]
  step1 [shape=parallelogram, tool_command="one"]
  step2 [shape=parallelogram, tool_command="two"]
  start -> step1 -> step2 -> done
}`;

/** A scripted run that fails with `stderr` written to the stage's stderr.log, as a real command would. */
const failsWith = (stderr: string) => (spec: ProcessSpec) => {
  if (spec.stderrFile) writeFileSync(spec.stderrFile, stderr);
  return { exitCode: 4 };
};

describe('startRun', () => {
  it('runs a new run and returns what happened as a value', async () => {
    await using dir = await makeTempDir();
    const { result, events, notices } = await runService(dir.path, OK, {
      target: { kind: 'new', runId: 'r1' }
    });
    const run = finished(result);
    const runDir = join(dir.path, '.tracker/runs/r1');
    expect(run).toMatchObject({
      status: 'success',
      runId: 'r1',
      runDir,
      checkpointPath: join(runDir, 'checkpoint.json'),
      workdir: dir.path,
      resumed: false,
      completedNodes: ['start', 'build', 'think', 'done'],
      failureOutput: [],
      resumeCommand: 'tracker -c .tracker/runs/r1/checkpoint.json p.dot',
      pipeline: { name: 'ok', file: 'p.dot', path: join(dir.path, 'p.dot') }
    });
    expect(run.totals).toEqual({
      durationMs: expect.any(Number),
      stagesStarted: 4,
      stagesByStatus: { success: 4 },
      retries: 0
    });
    expect(events[0]?.type).toBe('pipeline.started');
    expect(events.at(-1)?.type).toBe('pipeline.completed');
    expect(readFileSync(join(runDir, 'activity.jsonl'), 'utf8').trim().split('\n')).toHaveLength(
      events.length
    );
    expect(notices).toEqual([{ type: 'simulated_llm', stages: 1 }]);
  });

  it("reports a failure with its node, reason, resume hint and the node's last output lines", async () => {
    await using dir = await makeTempDir();
    const processRunner = new FakeProcessRunner({}, failsWith('compile error\nline 2\n'));
    const { result } = await runService(
      dir.path,
      TWO_STEPS,
      { target: { kind: 'new', runId: 'r1' } },
      { processRunner }
    );
    expect(finished(result)).toMatchObject({
      status: 'fail',
      failedNode: 'step2',
      failureReason: expect.stringContaining('exit code 4'),
      resumeHint: "re-runs 'step2' with a fresh retry budget",
      failureOutput: [{ file: 'stderr.log', lines: ['compile error', 'line 2'] }],
      totals: { stagesByStatus: { success: 2, fail: 1 } }
    });
  });

  it('resumes a run from its checkpoint without re-running completed nodes, in the workdir it recorded', async () => {
    await using dir = await makeTempDir();
    mkdirSync(join(dir.path, 'work'));
    await runService(
      dir.path,
      TWO_STEPS,
      { target: { kind: 'new', runId: 'r1' }, workdir: 'work' },
      { processRunner: new FakeProcessRunner({}, { exitCode: 1 }) }
    );
    const again = new FakeProcessRunner();
    const { result, notices } = await runService(
      dir.path,
      undefined,
      { target: { kind: 'checkpoint', path: 'work/.tracker/runs/r1/checkpoint.json' } },
      { processRunner: again }
    );
    expect(finished(result)).toMatchObject({
      status: 'success',
      resumed: true,
      workdir: join(dir.path, 'work'),
      completedNodes: ['start', 'step1', 'step2', 'done'],
      resumeCommand: 'tracker -c work/.tracker/runs/r1/checkpoint.json -w work p.dot'
    });
    expect(again.specs.map((s) => s.command)).toEqual(['two']);
    expect(again.spec().cwd).toBe(join(dir.path, 'work'));
    expect(notices.filter((n) => n.type === 'workdir_overridden')).toEqual([]);
  });

  it('lets a given workdir win over the recorded one, and says so', async () => {
    await using dir = await makeTempDir();
    mkdirSync(join(dir.path, 'work'));
    mkdirSync(join(dir.path, 'other'));
    await runService(
      dir.path,
      TWO_STEPS,
      { target: { kind: 'new', runId: 'r1' }, workdir: 'work' },
      { processRunner: new FakeProcessRunner({}, { exitCode: 1 }) }
    );
    const again = new FakeProcessRunner();
    const { notices } = await runService(
      dir.path,
      undefined,
      { target: { kind: 'run', run: 'work/.tracker/runs/r1' }, workdir: 'other' },
      { processRunner: again }
    );
    expect(again.spec().cwd).toBe(join(dir.path, 'other'));
    expect(notices).toContainEqual({
      type: 'workdir_overridden',
      runId: 'r1',
      recorded: join(dir.path, 'work'),
      workdir: join(dir.path, 'other')
    });
  });

  it("tells the tool handler a stage directory is fresh on the stage's first attempt only", async () => {
    await using dir = await makeTempDir();
    const processRunner = new FakeProcessRunner({ exitCode: 1 }, {});
    await runService(
      dir.path,
      `digraph f { start [shape=Mdiamond]; done [shape=Msquare]
        flaky [shape=parallelogram, tool_command="x", max_retries=1]; start -> flaky -> done }`,
      {},
      { processRunner }
    );
    expect(processRunner.specs.map((s) => s.outputFilesFresh)).toEqual([true, false]);
  });

  it("prepares the stages that can come next from the engine's events, in the fs stores", async () => {
    await using dir = await makeTempDir();
    const prepared: string[] = [];
    const stores: RunStoresFactory = (location) => {
      const fs = fsRunStores(location);
      return {
        ...fs,
        prepareStage: (nodeId, files) => {
          prepared.push(`${nodeId}:${files?.join(',') ?? ''}`);
          fs.prepareStage?.(nodeId, files);
        }
      };
    };
    const { result } = await runService(
      dir.path,
      OK,
      { target: { kind: 'new', runId: 'p1' } },
      { stores }
    );
    expect(finished(result).status).toBe('success');
    expect(prepared).toEqual(['build:tool_context.json', 'think:', 'done:']);
  });

  it('stops when its signal fires, resumable', async () => {
    await using dir = await makeTempDir();
    const controller = new AbortController();
    const processRunner = new FakeProcessRunner((_spec, signal) => {
      controller.abort(new Error('stop'));
      return { aborted: signal?.aborted ?? false };
    });
    const { result } = await runService(
      dir.path,
      TWO_STEPS,
      { target: { kind: 'new', runId: 'r1' }, signal: controller.signal },
      { processRunner }
    );
    expect(finished(result)).toMatchObject({
      status: 'stopped',
      failedNode: 'step1',
      resumeCommand: 'tracker -c .tracker/runs/r1/checkpoint.json p.dot'
    });
    const checkpoint = JSON.parse(
      readFileSync(join(dir.path, '.tracker/runs/r1/checkpoint.json'), 'utf8')
    );
    expect(checkpoint).toMatchObject({ status: 'stopped', next_node: 'step1' });
  });

  it('writes where the stores it is given write: memory stores leave nothing on disk', async () => {
    await using dir = await makeTempDir();
    const runStores = new Map<string, MemoryRunStore>();
    const stores: RunStoresFactory = ({ runDir }) => {
      const runStore = new MemoryRunStore(runDir);
      runStores.set(runDir, runStore);
      return { runStore, checkpointStore: new MemoryCheckpointStore() };
    };
    const { result } = await runService(
      dir.path,
      OK,
      { target: { kind: 'new', runId: 'm1' } },
      { stores }
    );
    const run = finished(result);
    expect(run.status).toBe('success');
    expect(existsSync(join(dir.path, '.tracker'))).toBe(false);
    expect(runStores.get(run.runDir)?.runFiles.has('manifest.json')).toBe(true);
  });
});

describe('startRun refuses, as values', () => {
  it('returns an invalid pipeline with its diagnostics and runs nothing', async () => {
    await using dir = await makeTempDir();
    const { result, events } = await runService(
      dir.path,
      'digraph bad { start [shape=Mdiamond]; start -> x }'
    );
    expect(result.status).toBe('invalid');
    expect(
      result.status === 'invalid' && result.diagnostics.some((d) => d.severity === 'error')
    ).toBe(true);
    expect(events).toEqual([]);
    expect(existsSync(join(dir.path, '.tracker'))).toBe(false);
  });

  it.each([
    [
      'an unreadable file',
      { pipeline: 'missing.dot' },
      'USAGE',
      "Cannot read pipeline 'missing.dot'"
    ],
    ['an unknown run', { target: { kind: 'run', run: 'nope' } }, 'USAGE', "No run 'nope'"],
    [
      'a missing checkpoint',
      { target: { kind: 'checkpoint', path: 'x/checkpoint.json' } },
      'USAGE',
      'No checkpoint at'
    ]
  ] as const)('refuses %s', async (_what, request, code, message) => {
    await using dir = await makeTempDir();
    const { result } = await runService(dir.path, OK, request);
    expect(result).toEqual({ status: 'refused', code, message: expect.stringContaining(message) });
    expect(existsSync(join(dir.path, 'x'))).toBe(false);
  });

  it('refuses a changed pipeline (CHECKPOINT_MISMATCH) unless forced, and a torn checkpoint (CHECKPOINT_INVALID)', async () => {
    await using dir = await makeTempDir();
    await runService(
      dir.path,
      TWO_STEPS,
      { target: { kind: 'new', runId: 'r1' } },
      {
        processRunner: new FakeProcessRunner({}, { exitCode: 1 })
      }
    );
    const changed = TWO_STEPS + '\n';
    const refused = await runService(dir.path, changed, { target: { kind: 'run', run: 'r1' } });
    expect(refused.result).toMatchObject({ status: 'refused', code: 'CHECKPOINT_MISMATCH' });
    const forced = await runService(dir.path, changed, {
      target: { kind: 'run', run: 'r1' },
      force: true
    });
    expect(forced.result.status).toBe('success');
    writeFileSync(join(dir.path, '.tracker/runs/r1/checkpoint.json'), '{"version": 2, "run');
    const torn = await runService(dir.path, changed, { target: { kind: 'run', run: 'r1' } });
    expect(torn.result).toMatchObject({ status: 'refused', code: 'CHECKPOINT_INVALID' });
  });

  it('refuses a new run in a directory that holds one, naming the resume command', async () => {
    await using dir = await makeTempDir();
    await runService(dir.path, OK, { target: { kind: 'new', runId: 'same' } });
    const { result } = await runService(dir.path, OK, { target: { kind: 'new', runId: 'same' } });
    expect(result).toMatchObject({
      status: 'refused',
      code: 'USAGE',
      message: expect.stringContaining(
        'Resume it with tracker -c .tracker/runs/same/checkpoint.json p.dot'
      )
    });
  });
});
