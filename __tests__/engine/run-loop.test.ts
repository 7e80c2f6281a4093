/** Spec §3.1-3.2 (run loop), §5.1 (context), §5.3 (checkpoint after every node), §11.12 parity rows. */
import { describe, expect, it } from '@jest/globals';
import { runDot } from '../support/engine-harness.js';
import { ScriptedHandler } from '../support/scripted-handler.js';
import { MemoryCheckpointStore } from '../../src/stores/memory-checkpoint-store.js';
import { parseCheckpoint } from '../../src/engine/checkpoint.js';
import type { HandlerRegistry } from '../../src/engine/registry.js';

const LINEAR = `digraph linear {
  graph [goal="Ship it"]
  start [shape=Mdiamond]
  a [prompt="A for $goal"]
  b [prompt="B"]
  c [prompt="C"]
  done [shape=Msquare]
  start -> a -> b -> c -> done
}`;

describe('run loop', () => {
  it('runs a linear pipeline in order and succeeds', async () => {
    const run = await runDot(LINEAR);
    expect(run.result.status).toBe('success');
    expect(run.started()).toEqual(['start', 'a', 'b', 'c', 'done']);
    expect(run.result.completedNodes).toEqual(['start', 'a', 'b', 'c', 'done']);
    expect(run.types()[0]).toBe('pipeline.started');
    expect(run.types().at(-1)).toBe('pipeline.completed');
  });

  it('mirrors graph attributes into the context and makes updates visible to the next node', async () => {
    const scripted = new ScriptedHandler({
      a: [{ status: 'success', contextUpdates: { 'context.answer': 42 } }]
    });
    const run = await runDot(LINEAR, { scripted });
    const bCall = scripted.calls.find((c) => c.nodeId === 'b');
    expect(bCall?.context['graph.goal']).toBe('Ship it');
    expect(bCall?.context['context.answer']).toBe(42);
    expect(bCall?.context['outcome']).toBe('success');
    expect(run.result.checkpoint.context['context.answer']).toBe(42);
  });

  it('seeds the context from initialContext (--var)', async () => {
    const scripted = new ScriptedHandler();
    await runDot(LINEAR, { scripted, initialContext: { env: 'staging' } });
    expect(scripted.calls[0]?.context['env']).toBe('staging');
  });

  it('writes a checkpoint after every node transition, each naming the next node', async () => {
    const store = new MemoryCheckpointStore();
    const seen: (string | undefined)[] = [];
    const spy = {
      save: async (text: string) => {
        seen.push(parseCheckpoint(text).next_node);
        await store.save(text);
      },
      load: () => store.load()
    };
    const run = await runDot(LINEAR, { store: spy });
    expect(seen).toEqual(['a', 'b', 'c', 'done', undefined]);
    const final = await run.store.load();
    expect(final?.status).toBe('success');
    expect(final?.current_node).toBe('done');
    expect(Object.keys(final?.node_outcomes ?? {})).toEqual(['start', 'a', 'b', 'c', 'done']);
    expect(final?.node_outcomes['a']?.status).toBe('success');
  });

  it('writes status.json for each node', async () => {
    const run = await runDot(LINEAR);
    expect(JSON.parse(run.runStore.stageFiles.get('a/status.json') ?? '{}')).toEqual({
      outcome: 'success'
    });
  });

  it('writes manifest.json with name, goal and start time', async () => {
    const run = await runDot(LINEAR);
    const manifest = JSON.parse(run.runStore.runFiles.get('manifest.json') ?? '{}');
    expect(manifest).toMatchObject({
      name: 'linear',
      goal: 'Ship it',
      run_id: 'run-1',
      pipeline_sha256: 'sha'
    });
    expect(manifest.start_time).toBe('2026-01-01T00:00:00.000Z');
  });

  it('turns a handler exception into a FAIL outcome instead of crashing', async () => {
    const scripted = new ScriptedHandler({ b: [new Error('kaboom')] });
    const run = await runDot(LINEAR, { scripted });
    expect(run.result.status).toBe('fail');
    expect(run.result.failedNode).toBe('b');
    expect(run.result.failureReason).toContain('kaboom');
  });

  it('fails clearly when no handler is registered for an explicit type', async () => {
    const run = await runDot(
      `digraph t { start [shape=Mdiamond]; x [type="my.custom", label="X"]; done [shape=Msquare]; start -> x -> done }`
    );
    expect(run.result.status).toBe('fail');
    expect(run.result.failureReason).toContain("No handler is registered for type 'my.custom'");
  });

  it('runs custom handlers registered by type string', async () => {
    const calls: string[] = [];
    const run = await runDot(
      `digraph t { start [shape=Mdiamond]; x [type="my.custom", label="X", custom_attr="v"]; done [shape=Msquare]; start -> x -> done }`,
      {
        configure: (r: HandlerRegistry) =>
          void r.register('my.custom', {
            execute: (input) => {
              calls.push(input.node.attrs.get('custom_attr')?.value ?? '');
              return Promise.resolve({ status: 'success', contextUpdates: { custom: true } });
            }
          })
      }
    );
    expect(run.result.status).toBe('success');
    expect(calls).toEqual(['v']);
    expect(run.result.checkpoint.context['custom']).toBe(true);
  });

  it('completes a pipeline of 12 nodes', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `n${i}`);
    const dot = `digraph big { start [shape=Mdiamond]; done [shape=Msquare]; ${ids.map((id) => `${id} [prompt="p"]`).join('; ')}; start -> ${ids.join(' -> ')} -> done }`;
    const run = await runDot(dot);
    expect(run.result.status).toBe('success');
    expect(run.result.completedNodes).toHaveLength(12);
  });
});

describe('conditional routing (diamond)', () => {
  const DOT = `digraph cond {
    start [shape=Mdiamond]
    work [prompt="w"]
    check [shape=diamond]
    yes [prompt="y"]
    no [prompt="n"]
    done [shape=Msquare]
    start -> work -> check
    check -> yes [condition="outcome=success"]
    check -> no [condition="outcome=fail"]
    yes -> done
    no -> done
  }`;

  it('routes on the previous outcome when it succeeded', async () => {
    const run = await runDot(DOT);
    expect(run.result.completedNodes).toEqual(['start', 'work', 'check', 'yes', 'done']);
  });

  it('lets a failure flow into the diamond, which routes it', async () => {
    const run = await runDot(DOT, {
      scripted: new ScriptedHandler({ work: [{ status: 'fail', failureReason: 'nope' }] })
    });
    expect(run.result.status).toBe('success');
    expect(run.result.completedNodes).toEqual(['start', 'work', 'check', 'no', 'done']);
  });
});

describe('incremental checkpoint serialization', () => {
  it('writes exactly the document toCheckpoint describes, after every kind of change', async () => {
    const texts: string[] = [];
    const store = new MemoryCheckpointStore();
    const spy = {
      save: async (text: string) => {
        texts.push(text);
        await store.save(text);
      },
      load: () => store.load()
    };
    const scripted = new ScriptedHandler({
      b: [
        { status: 'fail', failureReason: 'once' },
        { status: 'success', contextUpdates: { 'odd "key"': { deep: [1, 'two'] } } }
      ]
    });
    const dot = `digraph s { start [shape=Mdiamond]; a [prompt="a"]; b [prompt="b", max_retries=1]; done [shape=Msquare]; start -> a -> b -> done }`;
    const run = await runDot(dot, { store: spy, scripted });
    expect(texts.length).toBeGreaterThan(4);
    for (const text of texts) expect(text.endsWith('}\n')).toBe(true);
    const last = parseCheckpoint(texts.at(-1) ?? '');
    expect(last).toEqual(JSON.parse(JSON.stringify(run.result.checkpoint)));
    expect(last.node_retries).toEqual({ b: 1 });
    expect(last.context['odd "key"']).toEqual({ deep: [1, 'two'] });
  });
});
