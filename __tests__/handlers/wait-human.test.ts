/** The wait.human handler (spec §4.6, Tracker §2.6 modes) against in-memory interviewers and run store. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import type { EventPayload } from '../../src/ports/events.js';
import type { Outcome } from '../../src/ports/outcome.js';
import type { AttrValue, GraphEdge } from '../../src/graph/graph.js';
import { makeGraph } from '../../src/graph/graph.js';
import { WaitHumanHandler } from '../../src/handlers/wait-human.js';
import { gateChoices } from '../../src/handlers/wait-human-choices.js';
import { AutoApproveInterviewer } from '../../src/interviewers/auto-approve.js';
import { CallbackInterviewer } from '../../src/interviewers/callback.js';
import { ConsoleInterviewer } from '../../src/interviewers/console.js';
import { QueueInterviewer } from '../../src/interviewers/queue.js';
import type { QueuedAnswer } from '../../src/interviewers/queue.js';
import { RecordingInterviewer } from '../../src/interviewers/recording.js';
import type { Interviewer, Question } from '../../src/ports/interviewer.js';
import { FakeClock } from '../support/fake-clock.js';
import { handlerInput } from '../support/handler-input.js';
import { nodeOf } from '../support/node-of.js';
import { MemoryRunStore } from '../../src/stores/memory-run-store.js';

type Attrs = Readonly<Record<string, string>>;

function attrsOf(record: Attrs): Map<string, AttrValue> {
  return new Map(
    Object.entries(record).map(([k, value]) => [
      k,
      { value, kind: 'quoted', origin: 'explicit' } as const
    ])
  );
}

/** `[target, label?]` per outgoing edge of the gate `review`. */
type EdgeSpec = readonly [string, string?];

const APPROVE_REWORK: readonly EdgeSpec[] = [
  ['ship', '[A] Approve'],
  ['fix', '[R] Rework']
];

function gateInput(
  gateAttrs: Attrs,
  edges: readonly EdgeSpec[],
  options: { clock?: FakeClock; signal?: AbortSignal } = {}
) {
  const gate = nodeOf('review', gateAttrs);
  const loc = { file: 'test.dot', line: 1, column: 1 };
  const nodes = new Map([[gate.id, gate], ...edges.map(([to]) => [to, nodeOf(to)] as const)]);
  const graphEdges: GraphEdge[] = edges.map(([to, label], index) => ({
    index,
    from: 'review',
    to,
    attrs: attrsOf(label === undefined ? {} : { label }),
    loc
  }));
  const runStore = new MemoryRunStore();
  const base = handlerInput(gate, {
    runStore,
    ...(options.signal ? { signal: options.signal } : {})
  });
  const graph = makeGraph({
    name: 'g',
    file: 'test.dot',
    attrs: attrsOf({ goal: 'ship v2' }),
    nodes,
    edges: graphEdges
  });
  const clock = options.clock ?? new FakeClock();
  return { input: { ...base, graph, clock }, events: base.events, runStore, clock };
}

async function runGate(
  gateAttrs: Attrs,
  edges: readonly EdgeSpec[],
  answers: readonly QueuedAnswer[] | Interviewer
): Promise<{
  outcome: Outcome;
  questions: Question[];
  events: EventPayload[];
  files: Map<string, string>;
}> {
  const inner = Array.isArray(answers)
    ? new QueueInterviewer(answers as readonly QueuedAnswer[])
    : (answers as Interviewer);
  const recording = new RecordingInterviewer(inner);
  const { input, events, runStore } = gateInput(gateAttrs, edges);
  const outcome = await new WaitHumanHandler(recording).execute(input);
  return {
    outcome,
    questions: recording.recordings.map((r) => r.question),
    events,
    files: runStore.stageFiles
  };
}

describe('wait.human: choices from outgoing edges', () => {
  it('derives keys from all four label patterns and falls back to the target id, in declaration order', async () => {
    const edges: EdgeSpec[] = [
      ['deploy', '[Y] Yes, deploy'],
      ['stop', 'N) No, stop'],
      ['maybe', 'M - Maybe later'],
      ['ask', 'ask again'],
      ['escalate']
    ];
    const { questions } = await runGate({}, edges, ['Y']);
    expect(questions[0]?.options).toEqual([
      { key: 'Y', label: '[Y] Yes, deploy' },
      { key: 'N', label: 'N) No, stop' },
      { key: 'M', label: 'M - Maybe later' },
      { key: 'A', label: 'ask again' },
      { key: 'E', label: 'escalate' }
    ]);
    expect(questions[0]?.type).toBe('multiple_choice');
    expect(questions[0]?.stage).toBe('review');
  });

  it('exposes the choices with their targets', () => {
    const { input } = gateInput({}, APPROVE_REWORK);
    expect(gateChoices(input.graph.outgoing.get('review') ?? [])).toEqual([
      { key: 'A', label: '[A] Approve', to: 'ship' },
      { key: 'R', label: '[R] Rework', to: 'fix' }
    ]);
  });

  it.each([
    [{ label: 'Review the release' }, 'Review the release'],
    [
      { label: 'Review', prompt: 'Check the diff for $goal.' },
      'Review\n\nCheck the diff for ship v2.'
    ],
    [{ prompt: 'Approve this?' }, 'Approve this?'],
    [{}, 'Select an option:']
  ])('asks %j as %j', async (attrs, text) => {
    const { questions } = await runGate(attrs, APPROVE_REWORK, ['A']);
    expect(questions[0]?.text).toBe(text);
  });

  it.each([
    [{ value: 'R' }, 'fix'],
    [{ value: 'r' }, 'fix'],
    [{ value: 'Rework' }, 'fix'],
    [{ value: 'fix' }, 'fix'],
    [{ value: 'A', selectedOption: { key: 'A', label: '[A] Approve' } }, 'ship']
  ])('routes the answer %j to %s', async (answer, target) => {
    const { outcome } = await runGate({}, APPROVE_REWORK, [answer]);
    expect(outcome.status).toBe('success');
    expect(outcome.suggestedNextIds).toEqual([target]);
  });

  it('records the selection in the context and prefers its edge label', async () => {
    const { outcome } = await runGate({}, APPROVE_REWORK, [{ value: 'R', actor: 'octocat' }]);
    expect(outcome).toMatchObject({
      status: 'success',
      preferredLabel: '[R] Rework',
      suggestedNextIds: ['fix'],
      contextUpdates: {
        'human.gate.selected': 'R',
        'human.gate.label': '[R] Rework',
        human_response: '[R] Rework',
        'human.gate.actor': 'octocat'
      }
    });
  });

  it('fails, without retrying, on an answer that matches no choice', async () => {
    const { outcome } = await runGate({}, APPROVE_REWORK, ['Z']);
    expect(outcome).toMatchObject({ status: 'fail', retryable: false });
    expect(outcome.failureReason).toBe(
      "human gate 'review' got the answer 'Z', which matches none of its choices ([A] Approve, [R] Rework)"
    );
  });

  it('fails without asking when the gate has no outgoing edges', async () => {
    const { outcome, questions } = await runGate({}, [], ['A']);
    expect(questions).toEqual([]);
    expect(outcome).toMatchObject({ status: 'fail', retryable: false });
    expect(outcome.failureReason).toContain("human gate 'review' has no outgoing edges");
  });

  it('fails without asking on an unknown mode', async () => {
    const { outcome, questions } = await runGate({ mode: 'vote' }, APPROVE_REWORK, ['A']);
    expect(questions).toEqual([]);
    expect(outcome.failureReason).toBe(
      "human gate 'review' has mode='vote', which tracker does not support; use mode=choice, mode=freeform or mode=yes_no."
    );
  });

  it('--auto-approve takes the first choice; preferDefault takes human.default_choice', async () => {
    const first = await runGate(
      { 'human.default_choice': 'fix' },
      APPROVE_REWORK,
      new AutoApproveInterviewer()
    );
    expect(first.outcome.suggestedNextIds).toEqual(['ship']);
    expect(first.outcome.contextUpdates?.['human.gate.actor']).toBe('auto-approve');
    const preferred = await runGate(
      { 'human.default_choice': 'fix' },
      APPROVE_REWORK,
      new AutoApproveInterviewer({ preferDefault: true })
    );
    expect(preferred.outcome.suggestedNextIds).toEqual(['fix']);
  });
});

describe('wait.human: modes', () => {
  it('freeform: returns the text in human_response and follows the single edge', async () => {
    const { outcome, questions } = await runGate(
      { mode: 'freeform', label: 'Why?' },
      [['next']],
      [{ value: 'x', text: 'Because.' }]
    );
    expect(questions[0]).toMatchObject({ type: 'freeform', options: [], text: 'Why?' });
    expect(outcome).toMatchObject({
      status: 'success',
      suggestedNextIds: ['next'],
      contextUpdates: { human_response: 'Because.' }
    });
    expect(outcome.preferredLabel).toBeUndefined();
  });

  it('freeform: text equal to an edge label selects that edge', async () => {
    const { outcome } = await runGate({ mode: 'freeform' }, APPROVE_REWORK, [
      { value: ' REWORK ', text: ' REWORK ' }
    ]);
    expect(outcome).toMatchObject({
      status: 'success',
      preferredLabel: '[R] Rework',
      suggestedNextIds: ['fix'],
      contextUpdates: {
        human_response: ' REWORK ',
        'human.gate.selected': 'R',
        'human.gate.label': '[R] Rework'
      }
    });
  });

  it('freeform: other text with several edges leaves routing to the edges', async () => {
    const { outcome } = await runGate({ mode: 'freeform' }, APPROVE_REWORK, ['please add tests']);
    expect(outcome.status).toBe('success');
    expect(outcome.suggestedNextIds).toBeUndefined();
    expect(outcome.contextUpdates).toEqual({ human_response: 'please add tests' });
  });

  it.each([
    ['yes', 'success'],
    ['Y', 'success'],
    ['no', 'fail'],
    ['n', 'fail']
  ])('yes_no: %s → %s', async (value, status) => {
    const { outcome, questions } = await runGate(
      { mode: 'yes_no' },
      [
        ['ok', 'Yes'],
        ['ko', 'No']
      ],
      [value]
    );
    expect(questions[0]).toMatchObject({ type: 'yes_no', options: [] });
    expect(outcome.status).toBe(status);
    const yes = status === 'success';
    expect(outcome.contextUpdates).toMatchObject({
      human_response: yes ? 'yes' : 'no',
      'human.gate.selected': yes ? 'Y' : 'N'
    });
    expect(outcome.preferredLabel).toBe(yes ? 'Yes' : 'No');
    if (!yes)
      expect(outcome).toMatchObject({
        retryable: false,
        failureReason: "human answered no at gate 'review'"
      });
  });

  it('yes_no: fails clearly on an answer that is neither', async () => {
    const { outcome } = await runGate({ mode: 'yes_no' }, [['next']], ['perhaps']);
    expect(outcome.failureReason).toBe("human gate 'review' asked yes or no and got 'perhaps'");
  });
});

describe('wait.human: timeouts and defaults', () => {
  it('passes timeout and human.default_choice to the question', async () => {
    const { questions } = await runGate(
      { timeout: '5m', 'human.default_choice': '[R] Rework' },
      APPROVE_REWORK,
      ['A']
    );
    expect(questions[0]?.timeoutMs).toBe(300_000);
    expect(questions[0]?.default).toEqual({
      value: 'R',
      selectedOption: { key: 'R', label: '[R] Rework' }
    });
  });

  it.each([
    ['fix', 'target id'],
    ['Rework', 'label without its key'],
    ['[R] Rework', 'full label']
  ])('on timeout takes human.default_choice=%j (%s)', async (choice) => {
    const { outcome, events } = await runGate(
      { timeout: '5m', 'human.default_choice': choice },
      APPROVE_REWORK,
      ['timeout']
    );
    expect(outcome).toMatchObject({
      status: 'success',
      suggestedNextIds: ['fix'],
      contextUpdates: { 'human.gate.selected': 'R' }
    });
    expect(events.find((e) => e.type === 'gate.answered')).toMatchObject({
      timedOut: true,
      answer: '[R] Rework'
    });
  });

  it('accepts the older default_choice spelling', async () => {
    const { outcome } = await runGate({ default_choice: 'ship' }, APPROVE_REWORK, ['timeout']);
    expect(outcome.suggestedNextIds).toEqual(['ship']);
  });

  it.each([
    ['R', ['fix']],
    ['r', ['fix']],
    ['[R] Rework', ['fix']]
  ])('names the default by its accelerator key or label too (%j)', async (value, next) => {
    const { outcome } = await runGate({ 'human.default_choice': value }, APPROVE_REWORK, [
      'timeout'
    ]);
    expect(outcome.suggestedNextIds).toEqual(next);
  });

  it('fails clearly, without retrying, on timeout without a default', async () => {
    const { outcome } = await runGate({ timeout: '5m' }, APPROVE_REWORK, ['timeout']);
    expect(outcome).toMatchObject({ status: 'fail', retryable: false });
    expect(outcome.failureReason).toMatch(
      /^human gate 'review' timed out after 5m and has no human.default_choice/
    );
  });

  it('fails on timeout with timeout_action=fail even when there is a default', async () => {
    const { outcome } = await runGate(
      { timeout: '30s', timeout_action: 'fail', 'human.default_choice': 'fix' },
      APPROVE_REWORK,
      [{ value: 'R', selectedOption: { key: 'R', label: '[R] Rework' }, defaulted: 'timeout' }]
    );
    expect(outcome.failureReason).toBe(
      "human gate 'review' timed out after 30s (timeout_action=fail)"
    );
  });

  it('fails without asking when human.default_choice names no edge', async () => {
    const { outcome, questions } = await runGate(
      { 'human.default_choice': 'merge' },
      APPROVE_REWORK,
      ['A']
    );
    expect(questions).toEqual([]);
    expect(outcome.failureReason).toBe(
      "human gate 'review' has human.default_choice='merge', which matches none of its outgoing edges; use an edge label ('[A] Approve', '[R] Rework') or a target node id ('ship', 'fix')."
    );
  });

  it('yes_no and freeform defaults: yes/no words and default text', async () => {
    const yesNo = await runGate(
      { mode: 'yes_no', 'human.default_choice': 'no' },
      [['next']],
      ['timeout']
    );
    expect(yesNo.outcome.status).toBe('fail');
    const free = await runGate(
      { mode: 'freeform', 'human.default_choice': 'LGTM' },
      [['next']],
      ['timeout']
    );
    expect(free.outcome.contextUpdates).toEqual({ human_response: 'LGTM' });
    const bad = await runGate(
      { mode: 'yes_no', 'human.default_choice': 'ship' },
      [['next']],
      ['y']
    );
    expect(bad.outcome.failureReason).toContain("a yes_no gate's default must be yes or no");
  });

  it('with the console: waits `timeout` on the clock, then takes the default and reports the wait', async () => {
    const clock = new FakeClock();
    const stdin = new PassThrough();
    const stdout = new PassThrough().resume();
    const consoleInterviewer = new ConsoleInterviewer({ input: stdin, output: stdout, clock });
    const { input, events } = gateInput(
      { timeout: '5m', 'human.default_choice': 'ship' },
      APPROVE_REWORK,
      { clock }
    );
    const pending = new WaitHumanHandler(consoleInterviewer).execute(input);
    await clock.waitForSleeps();
    expect(events.map((e) => e.type)).toEqual(['gate.waiting']);
    await clock.advance(300_000);
    const outcome = await pending;
    expect(outcome.suggestedNextIds).toEqual(['ship']);
    expect(events[1]).toEqual({
      type: 'gate.answered',
      nodeId: 'review',
      answer: '[A] Approve',
      timedOut: true,
      durationMs: 300_000
    });
  });
});

describe('wait.human: skips, errors and records', () => {
  it('fails, without retrying, when the question is skipped', async () => {
    const { outcome } = await runGate({}, APPROVE_REWORK, []);
    expect(outcome).toMatchObject({
      status: 'fail',
      retryable: false,
      failureReason: "human gate 'review' got no answer (the question was skipped)"
    });
  });

  it('fails (retryably) when the interviewer throws, and rethrows when the run is aborted', async () => {
    const broken = new CallbackInterviewer(() => Promise.reject(new Error('GitHub API 502')));
    const { outcome } = await runGate({}, APPROVE_REWORK, broken);
    expect(outcome.failureReason).toBe(
      "human gate 'review' could not ask its question: GitHub API 502"
    );
    expect(outcome.retryable).toBeUndefined();

    const controller = new AbortController();
    const reason = new Error('SIGINT');
    const aborting = new CallbackInterviewer(() => {
      controller.abort(reason);
      return Promise.reject(reason);
    });
    const { input } = gateInput({}, APPROVE_REWORK, { signal: controller.signal });
    await expect(new WaitHumanHandler(aborting).execute(input)).rejects.toBe(reason);
  });

  it('emits gate.waiting before asking and gate.answered after', async () => {
    const order: string[] = [];
    const { input, events } = gateInput(
      { label: 'Ship?', timeout: '1h', 'human.default_choice': 'ship' },
      APPROVE_REWORK
    );
    const interviewer = new CallbackInterviewer(() => {
      order.push(`asked after ${events.length} event(s)`);
      return { value: 'A', actor: 'octocat' };
    });
    await new WaitHumanHandler(interviewer).execute({ ...input, branch: 'fork/b1' });
    expect(order).toEqual(['asked after 1 event(s)']);
    expect(events).toEqual([
      {
        type: 'gate.waiting',
        nodeId: 'review',
        branch: 'fork/b1',
        question: 'Ship?',
        options: ['[A] Approve', '[R] Rework'],
        timeoutMs: 3_600_000
      },
      {
        type: 'gate.answered',
        nodeId: 'review',
        branch: 'fork/b1',
        answer: '[A] Approve',
        actor: 'octocat',
        timedOut: false,
        durationMs: 0
      }
    ]);
  });

  it('writes question.json, prompt.md, answer.json and response.md to the stage directory', async () => {
    const { files } = await runGate({ label: 'Ship?', timeout: '5m' }, APPROVE_REWORK, [
      { value: 'R', actor: 'octocat' }
    ]);
    expect([...files.keys()].sort()).toEqual([
      'review/answer.json',
      'review/prompt.md',
      'review/question.json',
      'review/response.md'
    ]);
    expect(files.get('review/prompt.md')).toBe(
      'Ship?\n\n- [A] Approve → ship\n- [R] Rework → fix\n'
    );
    expect(files.get('review/response.md')).toBe('[R] Rework\n');
    expect(JSON.parse(files.get('review/question.json') ?? '')).toEqual({
      stage: 'review',
      mode: 'choice',
      type: 'multiple_choice',
      text: 'Ship?',
      choices: [
        { key: 'A', label: '[A] Approve', to: 'ship' },
        { key: 'R', label: '[R] Rework', to: 'fix' }
      ],
      timeout_ms: 300_000,
      timeout_action: 'default',
      attempt: 1,
      asked_at: '2026-01-01T00:00:00.000Z'
    });
    expect(JSON.parse(files.get('review/answer.json') ?? '')).toEqual({
      value: 'R',
      actor: 'octocat',
      timed_out: false,
      response: '[R] Rework',
      selected: { key: 'R', label: '[R] Rework', to: 'fix' },
      answered_at: '2026-01-01T00:00:00.000Z',
      duration_ms: 0
    });
  });

  it('records a freeform answer as prompt.md + response.md (fkyeah 03-22)', async () => {
    const { files } = await runGate(
      { mode: 'freeform', prompt: 'Provide free text' },
      [['pick']],
      [{ value: 'hi', text: 'hello there' }]
    );
    expect(files.get('review/prompt.md')).toBe('Provide free text\n');
    expect(files.get('review/response.md')).toBe('hello there\n');
  });

  it('records failures in answer.json too', async () => {
    const { files } = await runGate({ timeout: '2m' }, APPROVE_REWORK, ['timeout']);
    const answer = JSON.parse(files.get('review/answer.json') ?? '') as Record<string, unknown>;
    expect(answer).toMatchObject({ value: 'timeout', timed_out: true, response: 'timed out' });
    expect(answer['failure_reason']).toContain('timed out after 2m');
  });
});
