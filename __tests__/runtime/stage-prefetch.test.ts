/** Stage preparation is driven by the engine's events: a stage that starts prepares what can follow it. */
import { describe, expect, it } from '@jest/globals';
import { createBuiltinRegistry } from '../../src/handlers/builtin-registry.js';
import { AutoApproveInterviewer } from '../../src/interviewers/auto-approve.js';
import type { PipelineEvent } from '../../src/ports/events.js';
import { StagePrefetchSink } from '../../src/runtime/stage-prefetch.js';
import { graphOf } from '../support/engine-harness.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeProcessRunner } from '../support/fake-process-runner.js';

const GRAPH = graphOf(`digraph g {
  start [shape=Mdiamond]; done [shape=Msquare]
  check [shape=parallelogram, tool_command="true"]
  quiet [shape=parallelogram, tool_command="true"]
  think [prompt="x"]
  start -> check
  check -> quiet [condition="outcome=success"]
  check -> think [condition="outcome=fail"]
  quiet -> done; think -> done
}`);

function started(nodeId: string, attempt = 1): PipelineEvent {
  return {
    type: 'stage.started',
    nodeId,
    handlerType: 'tool',
    label: nodeId,
    attempt,
    maxAttempts: 2,
    ts: 0,
    runId: 'r',
    seq: 1
  };
}

function prefetching(): { sink: StagePrefetchSink; prepared: [string, unknown][] } {
  const registry = createBuiltinRegistry({
    processRunner: new FakeProcessRunner(),
    interviewer: new AutoApproveInterviewer(),
    workdir: '/w',
    env: {},
    clock: new FakeClock()
  });
  const prepared: [string, unknown][] = [];
  const sink = new StagePrefetchSink(GRAPH, registry, (nodeId, files) =>
    prepared.push([nodeId, files])
  );
  return { sink, prepared };
}

describe('StagePrefetchSink', () => {
  it('prepares every successor of a starting stage, with the files its handler writes first', () => {
    const { sink, prepared } = prefetching();
    sink.emit(started('check'));
    expect(prepared).toEqual([
      ['quiet', ['tool_context.json']],
      ['think', undefined]
    ]);
  });

  it('asks again on every attempt (the store keeps it idempotent) and ignores other events', () => {
    const { sink, prepared } = prefetching();
    sink.emit(started('start'));
    sink.emit(started('start', 2));
    sink.emit({ type: 'checkpoint.saved', nodeId: 'start', ts: 0, runId: 'r', seq: 2 });
    sink.emit(started('done'));
    sink.emit(started('boss/child-node'));
    expect(prepared).toEqual([
      ['check', ['tool_context.json']],
      ['check', ['tool_context.json']]
    ]);
  });
});
