/**
 * The engine's event stream: every event carries the run's next `seq` (no gaps, parallel branches
 * included), `pipeline.started` carries the graph a renderer needs, and a sink that throws is cut off and
 * reported without breaking the run.
 */
import { describe, expect, it } from '@jest/globals';
import { EventBus } from '../../src/engine/event-bus.js';
import { graphSnapshot } from '../../src/engine/graph-snapshot.js';
import { EVENT_SCHEMA_VERSION } from '../../src/ports/events.js';
import type { PipelineEvent } from '../../src/ports/events.js';
import type { EventSink } from '../../src/ports/event-sink.js';
import { graphOf, runDot } from '../support/engine-harness.js';
import { FakeClock } from '../support/fake-clock.js';

class Collect implements EventSink {
  readonly events: PipelineEvent[] = [];
  emit(event: PipelineEvent): void {
    this.events.push(event);
  }
}

class Explodes implements EventSink {
  calls = 0;
  emit(): void {
    this.calls++;
    throw new Error('disk full');
  }
}

const PARALLEL = `digraph p {
  start [shape=Mdiamond]
  fork [shape=component]
  a [shape=box]; b [shape=box]; c [shape=box]
  join [shape=tripleoctagon]
  done [shape=Msquare]
  start -> fork
  fork -> a; fork -> b; fork -> c
  a -> join; b -> join; c -> join
  join -> done [label="ok", condition="outcome=success", weight=3]
}`;

describe('EventBus', () => {
  it('stamps run ID, clock time and a gapless seq from 1', async () => {
    const clock = new FakeClock({ start: 5000 });
    const sink = new Collect();
    const bus = new EventBus(sink, clock, () => 'run1');
    bus.emit({ type: 'warning', message: 'one' });
    await clock.advance(10);
    bus.emit({ type: 'warning', message: 'two' });
    expect(sink.events.map((e) => [e.seq, e.ts, e.runId])).toEqual([
      [1, 5000, 'run1'],
      [2, 5010, 'run1']
    ]);
  });

  it('cuts off a sink that throws and tells the others, once', () => {
    const bad = new Explodes();
    const good = new Collect();
    const bus = new EventBus([bad, good], new FakeClock(), () => 'r');
    bus.emit({ type: 'warning', message: 'first' });
    bus.emit({ type: 'warning', message: 'second' });
    expect(bad.calls).toBe(1);
    expect(good.events.map((e) => (e.type === 'warning' ? e.message : e.type))).toEqual([
      'first',
      'event sink Explodes failed and gets no further events: disk full',
      'second'
    ]);
    expect(good.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(bus.failures).toEqual([{ sink: 'Explodes', message: 'disk full' }]);
  });

  it('survives when every sink throws', () => {
    const bus = new EventBus([new Explodes(), new Explodes()], new FakeClock(), () => 'r');
    expect(() => bus.emit({ type: 'warning', message: 'x' })).not.toThrow();
    expect(bus.failures).toHaveLength(2);
  });
});

describe('graphSnapshot', () => {
  it('lists every node with its handler type and every edge with label, condition and weight', () => {
    const snapshot = graphSnapshot(graphOf(PARALLEL));
    expect(snapshot.nodes).toHaveLength(7);
    expect(snapshot.nodes.find((n) => n.id === 'fork')).toEqual({
      id: 'fork',
      label: 'fork',
      handlerType: 'parallel',
      shape: 'component'
    });
    expect(snapshot.nodes.find((n) => n.id === 'join')?.handlerType).toBe('parallel.fan_in');
    expect(snapshot.edges).toHaveLength(8);
    expect(snapshot.edges.at(-1)).toEqual({
      from: 'join',
      to: 'done',
      label: 'ok',
      condition: 'outcome=success',
      weight: 3
    });
    expect(snapshot.edges[0]).toEqual({ from: 'start', to: 'fork' });
  });
});

describe('engine events', () => {
  it('numbers every event of a run with parallel branches 1..n without gaps', async () => {
    const run = await runDot(PARALLEL);
    expect(run.result.status).toBe('success');
    expect(run.events.map((e) => e.seq)).toEqual(run.events.map((_, i) => i + 1));
    expect(run.events.filter((e) => e.type === 'stage.started').length).toBeGreaterThan(5);
  });

  it('starts with pipeline.started carrying the schema version and the graph snapshot', async () => {
    const run = await runDot(PARALLEL);
    const first = run.events[0];
    expect(first?.type).toBe('pipeline.started');
    if (first?.type !== 'pipeline.started') return;
    expect(first.schema).toBe(EVENT_SCHEMA_VERSION);
    expect(first.graph).toEqual(graphSnapshot(run.graph));
    expect(first.graph.nodes.map((n) => n.id).sort()).toEqual(
      ['a', 'b', 'c', 'done', 'fork', 'join', 'start'].sort()
    );
  });
});
