/** Human gates inside whole runs: routing, loops, timeouts on the clock, and the conformance fixtures. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { ConsoleInterviewer } from '../../src/interviewers/console.js';
import { QueueInterviewer } from '../../src/interviewers/queue.js';
import { FakeClock } from '../support/fake-clock.js';
import { runDot } from '../support/engine-harness.js';
import { CORPUS_ROOT } from '../support/conformance-corpus.js';

const REVIEW_LOOP = `digraph review_loop {
  start [shape=Mdiamond]
  review [shape=hexagon, label="Review the change", timeout="10m", default_choice="Rework"]
  fix [prompt="Fix it"]
  ship [prompt="Ship it"]
  done [shape=Msquare]
  start -> review
  review -> ship [label="[A] Approve"]
  review -> fix [label="[R] Rework"]
  fix -> review
  ship -> done
}`;

describe('wait.human in a run', () => {
  it('routes each answer to its edge, around a loop', async () => {
    const run = await runDot(REVIEW_LOOP, { interviewer: new QueueInterviewer(['R', 'a']) });
    expect(run.result.status).toBe('success');
    expect(run.started()).toEqual(['start', 'review', 'fix', 'review', 'ship', 'done']);
    expect(run.result.checkpoint.context).toMatchObject({
      'human.gate.selected': 'A',
      'human.gate.label': '[A] Approve',
      human_response: '[A] Approve'
    });
  });

  it('takes default_choice when the console gets no answer before the timeout', async () => {
    const clock = new FakeClock({ autoAdvance: true });
    const output = new PassThrough().resume();
    const interviewer = new ConsoleInterviewer({ input: new PassThrough(), output, clock });
    const run = await runDot(REVIEW_LOOP.replace('fix -> review', 'fix -> done'), {
      interviewer,
      clock
    });
    expect(run.started()).toEqual(['start', 'review', 'fix', 'done']);
    expect(clock.sleeps).toContain(600_000);
    const answered = run.events.find((e) => e.type === 'gate.answered');
    expect(answered).toMatchObject({ answer: '[R] Rework', timedOut: true });
  });

  it('fails the run with a clear reason when a timed-out gate has no default', async () => {
    const clock = new FakeClock({ autoAdvance: true });
    const interviewer = new ConsoleInterviewer({
      input: new PassThrough(),
      output: new PassThrough().resume(),
      clock
    });
    const run = await runDot(REVIEW_LOOP.replace(', default_choice="Rework"', ''), {
      interviewer,
      clock
    });
    expect(run.result.status).toBe('fail');
    expect(run.result.failureReason).toContain(
      "human gate 'review' timed out after 10m and has no human.default_choice"
    );
    expect(run.started().filter((id) => id === 'review')).toHaveLength(1);
  });

  it('routes a yes_no gate with outcome conditions', async () => {
    const dot = `digraph yn {
      start [shape=Mdiamond]
      ask [shape=hexagon, mode="yes_no", label="Deploy?"]
      deploy [prompt="deploy"]
      cancel [prompt="cancel"]
      done [shape=Msquare]
      start -> ask
      ask -> deploy [condition="outcome=success"]
      ask -> cancel [condition="outcome=fail"]
      deploy -> done
      cancel -> done
    }`;
    const yes = await runDot(dot, { interviewer: new QueueInterviewer(['y']) });
    expect(yes.started()).toEqual(['start', 'ask', 'deploy', 'done']);
    const no = await runDot(dot, { interviewer: new QueueInterviewer(['no']) });
    expect(no.started()).toEqual(['start', 'ask', 'cancel', 'done']);
  });
});

const FKYEAH = join(CORPUS_ROOT, 'fkyeah', '03-execution');
const PI_DEV = join(CORPUS_ROOT, 'attractor-pi-dev', 'golden');
const maybe = existsSync(FKYEAH) && existsSync(PI_DEV) ? describe : describe.skip;

maybe('conformance fixtures with --auto-approve', () => {
  it('fkyeah 03-12: the first option is taken', async () => {
    const run = await runDot(readFileSync(join(FKYEAH, '12-auto-approve', 'pipeline.dot'), 'utf8'));
    expect(run.result.completedNodes).toEqual(['start', 'gate', 'proceed', 'done']);
  });

  it('fkyeah 03-22: prompt.md + response.md for the first gate, the selection in the context', async () => {
    const run = await runDot(
      readFileSync(join(FKYEAH, '22-gate-question-types', 'pipeline.dot'), 'utf8')
    );
    expect(run.result.status).toBe('success');
    expect(run.runStore.stageFiles.get('free/prompt.md')).toContain('Provide free text');
    expect(run.runStore.stageFiles.has('free/response.md')).toBe(true);
    expect(run.result.checkpoint.context).toMatchObject({
      'human.gate.selected': 'A',
      'human.gate.label': 'A) Continue'
    });
  });

  it('attractor-pi-dev human-gate-auto-approve: the expected keys and route', async () => {
    const dot = readFileSync(join(PI_DEV, 'workflows', 'human-gate-auto-approve.dot'), 'utf8');
    const expected = JSON.parse(
      readFileSync(join(PI_DEV, 'expected', 'human-gate-auto-approve.json'), 'utf8')
    ) as {
      run: { completedNodes: string[]; keyContext: Record<string, string> };
    };
    const run = await runDot(dot);
    expect(run.result.completedNodes).toEqual(expected.run.completedNodes);
    expect(run.result.checkpoint.context).toMatchObject({
      'human.gate.label': expected.run.keyContext['human.gate.label'],
      'human.gate.selected': expected.run.keyContext['human.gate.selected']
    });
  });
});
