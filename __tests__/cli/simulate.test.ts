/** `tracker simulate`: prints the plan, walks with simulated outcomes, and always ends. */
import { describe, expect, it } from '@jest/globals';
import { SIMULATE_MAX_VISITS, simulatePipeline } from '../../src/cli/simulate.js';
import { graphOf } from '../support/engine-harness.js';

const REDO_FIRST = `digraph loop {
  start [shape=Mdiamond]
  work [shape=parallelogram, tool_command="make"]
  gate [shape=hexagon, label="Good?"]
  done [shape=Msquare]
  start -> work -> gate
  gate -> work [label="[R] Redo"]
  gate -> done [label="[A] Accept"]
}`;

async function simulate(dot: string, json = false) {
  let text = '';
  const result = await simulatePipeline(graphOf(dot), { write: (t) => (text += t), json });
  return { result, text };
}

describe('simulatePipeline', () => {
  it('ends a walk whose first choice loops back, naming the loop', async () => {
    const { result, text } = await simulate(REDO_FIRST);
    expect(result.bounded).toBe(
      `stopped after 7 steps: loop work → gate → work (a node would run a ${SIMULATE_MAX_VISITS + 1}th time; the simulated choices never leave the loop)`
    );
    expect(result.path).toEqual(['start', 'work', 'gate', 'work', 'gate', 'work', 'gate']);
    expect(text).toContain('Simulation stopped after 7 steps: loop work → gate → work');
    expect(text).not.toContain('Pipeline stopped');
  });

  it('prints the execution plan before the walk', async () => {
    const { text } = await simulate(REDO_FIRST);
    const plan = text.indexOf('plan (topological levels');
    expect(plan).toBeGreaterThanOrEqual(0);
    expect(text).toContain('handlers: 1 start, 1 tool, 1 wait.human, 1 exit');
    expect(text).toContain('loops:    gate -> work');
    expect(plan).toBeLessThan(text.indexOf('→ start [start]'));
  });

  it('walks a loop-free pipeline to the exit without a note', async () => {
    const { result, text } = await simulate(
      REDO_FIRST.replace('gate -> work [label="[R] Redo"]\n', '').replace(
        'gate -> done [label="[A] Accept"]',
        'gate -> done [label="[A] Accept"]; gate -> work [label="[R] Redo"]'
      )
    );
    expect(result.bounded).toBeUndefined();
    expect(result.run.status).toBe('success');
    expect(text).toContain('Path: start -> work -> gate -> done\n');
  });

  it('says under each tool stage what it would run', async () => {
    const { text } = await simulate(
      REDO_FIRST.replace('tool_command="make"', 'tool_command="make build\nmake test\nmake dist"')
    );
    expect(text).toContain(
      '  ✓ work success in 0ms\n      would run: make build (+2 more lines)\n'
    );
    const single = await simulate(REDO_FIRST);
    expect(single.text).toContain('  ✓ work success in 0ms\n      would run: make\n');
    expect(single.text).not.toContain('would run: \n');
  });

  it('--json: the plan and the bound are NDJSON objects', async () => {
    const { text } = await simulate(REDO_FIRST, true);
    const objects = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; levels?: string[][]; reason?: string });
    expect(objects[0]).toMatchObject({
      type: 'simulation.plan',
      levels: [['start'], ['work'], ['gate'], ['done']]
    });
    expect(objects.at(-1)).toMatchObject({ type: 'simulation.bounded' });
    expect(objects.at(-1)?.reason).toContain('loop work → gate → work');
  });
});
