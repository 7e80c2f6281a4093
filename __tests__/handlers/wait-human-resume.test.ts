/**
 * A resumed run decides a human gate from the answer that very execution recorded (answer.json) before
 * the run stopped, without asking the interviewer; any other record — an earlier visit's, a failed
 * run's — is not an answer to this question, and the gate asks.
 */
import { describe, expect, it } from '@jest/globals';
import { CallbackInterviewer } from '../../src/interviewers/callback.js';
import { QueueInterviewer } from '../../src/interviewers/queue.js';
import type { QueuedAnswer } from '../../src/interviewers/queue.js';
import { WaitHumanHandler } from '../../src/handlers/wait-human.js';
import { answerFromRecord } from '../../src/handlers/wait-human-records.js';
import type { Answer, Interviewer, Question } from '../../src/ports/interviewer.js';
import { MemoryRunStore } from '../../src/stores/memory-run-store.js';
import { graphOf, runDot } from '../support/engine-harness.js';
import { handlerInput } from '../support/handler-input.js';
import { nodeOf } from '../support/node-of.js';

const REVIEW = `digraph review {
  start [shape=Mdiamond]
  review [shape=hexagon, label="Ship it?"]
  fix [prompt="Fix it"]
  ship [prompt="Ship it"]
  done [shape=Msquare]
  start -> review
  review -> ship [label="[A] Approve"]
  review -> fix [label="[R] Rework"]
  fix -> review
  ship -> done
}`;

/** An interviewer that counts its questions and answers from a queue. */
function counting(answers: readonly QueuedAnswer[]): {
  interviewer: Interviewer;
  asked: Question[];
} {
  const queue = new QueueInterviewer(answers);
  const asked: Question[] = [];
  return {
    asked,
    interviewer: new CallbackInterviewer((q, signal) => {
      asked.push(q);
      return queue.ask(q, signal);
    })
  };
}

/** Runs REVIEW until the gate has answered `answer`, stopping the run before its outcome is recorded. */
async function stoppedAfterAnswer(dot: string, answer: Answer) {
  const controller = new AbortController();
  const runStore = new MemoryRunStore();
  const first = await runDot(dot, {
    runStore,
    signal: controller.signal,
    interviewer: new CallbackInterviewer(() => {
      controller.abort(); // the stop arrives while the human answers
      return answer;
    })
  });
  return { first, runStore };
}

describe('wait.human on resume, in a run', () => {
  it('decides from the recorded answer without asking, then asks on the next visit', async () => {
    const { first, runStore } = await stoppedAfterAnswer(REVIEW, { value: 'R' });
    expect(first.result.status).toBe('stopped');
    expect(first.result.checkpoint.node_outcomes['review']).toBeUndefined();
    expect(runStore.stageFiles.get('review/answer.json')).toContain('"execution"');

    const { interviewer, asked } = counting(['A']);
    const resumed = await runDot(REVIEW, {
      runStore,
      resumeFrom: first.result.checkpoint,
      interviewer
    });
    expect(resumed.result.status).toBe('success');
    // The recorded Rework routes to fix; the loop's second visit to review is a new question.
    expect(resumed.started()).toEqual(['review', 'fix', 'review', 'ship', 'done']);
    expect(asked).toHaveLength(1);
    const types = resumed.types('review');
    expect(types.slice(0, 3)).toEqual(['stage.started', 'gate.answered', 'stage.completed']);
    expect(resumed.result.checkpoint.context).toMatchObject({ 'human.gate.label': '[A] Approve' });
  });

  it('decides from the recorded answer after a crash, whose checkpoint predates the gate', async () => {
    const { first, runStore } = await stoppedAfterAnswer(REVIEW, { value: 'R' });
    // What a crash right after the answer leaves: the checkpoint written before the gate started.
    const { current_attempt: _inFlight, ...saved } = first.result.checkpoint;
    const crashed = { ...saved, status: 'running' as const, visits: { start: 1 } };
    const { interviewer, asked } = counting(['A']);
    const resumed = await runDot(REVIEW, { runStore, resumeFrom: crashed, interviewer });
    expect(resumed.started()).toEqual(['review', 'fix', 'review', 'ship', 'done']);
    expect(asked).toHaveLength(1);
  });

  it('asks again when the stopped run had not got its answer yet', async () => {
    const controller = new AbortController();
    const runStore = new MemoryRunStore();
    const first = await runDot(REVIEW, {
      runStore,
      signal: controller.signal,
      interviewer: new CallbackInterviewer((_q, signal) => {
        controller.abort();
        signal?.throwIfAborted();
        return { value: 'R' };
      })
    });
    expect(first.result.status).toBe('stopped');
    expect(runStore.stageFiles.has('review/answer.json')).toBe(false);
    const { interviewer, asked } = counting(['A']);
    const resumed = await runDot(REVIEW, {
      runStore,
      resumeFrom: first.result.checkpoint,
      interviewer
    });
    expect(resumed.started()).toEqual(['review', 'ship', 'done']);
    expect(asked).toHaveLength(1);
  });

  it('asks again when a failed run is resumed: the failed gate starts over', async () => {
    const dot = `digraph yn {
      start [shape=Mdiamond]
      ask [shape=hexagon, mode="yes_no", label="Deploy?"]
      deploy [prompt="deploy"]
      done [shape=Msquare]
      start -> ask -> deploy -> done
    }`;
    const runStore = new MemoryRunStore();
    const first = await runDot(dot, { runStore, interviewer: new QueueInterviewer(['no']) });
    expect(first.result.status).toBe('fail');
    const { interviewer, asked } = counting(['yes']);
    const resumed = await runDot(dot, {
      runStore,
      resumeFrom: first.result.checkpoint,
      interviewer
    });
    expect(resumed.result.status).toBe('success');
    expect(asked).toHaveLength(1);
  });
});

describe('wait.human on resume, the handler', () => {
  const graph = graphOf(REVIEW);
  const gate = nodeOf('review', { shape: 'hexagon', label: 'Ship it?' });
  const refuse = new CallbackInterviewer(() => {
    throw new Error('asked a question the record answers');
  });
  const recorded = (execution: string, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({
      value: 'R',
      selected_option: { key: 'R', label: '[R] Rework' },
      actor: 'ana',
      duration_ms: 42,
      execution,
      ...extra
    });

  function input(options: { resumed?: boolean; execution?: string; answerJson?: string }) {
    const runStore = new MemoryRunStore();
    if (options.answerJson !== undefined)
      runStore.stageFiles.set('review/answer.json', options.answerJson);
    const base = handlerInput(gate, { runStore });
    return {
      ...base,
      graph,
      ...(options.execution === undefined ? {} : { execution: options.execution }),
      ...(options.resumed === undefined ? {} : { resumed: options.resumed })
    };
  }

  it('routes and records the context from the answer, with its actor', async () => {
    const i = input({ resumed: true, execution: 'r0.v1.a1', answerJson: recorded('r0.v1.a1') });
    const outcome = await new WaitHumanHandler(refuse).execute(i);
    expect(outcome).toMatchObject({
      status: 'success',
      suggestedNextIds: ['fix'],
      preferredLabel: '[R] Rework',
      contextUpdates: { 'human.gate.selected': 'R', 'human.gate.actor': 'ana' }
    });
    expect(outcome.notes).toContain('recorded before the run stopped');
    expect(i.events).toEqual([
      {
        type: 'gate.answered',
        nodeId: 'review',
        answer: '[R] Rework',
        actor: 'ana',
        timedOut: false,
        durationMs: 42
      }
    ]);
  });

  it.each<[string, { resumed?: boolean; execution?: string; answerJson?: string }]>([
    [
      'another execution’s record',
      { resumed: true, execution: 'r0.v2.a1', answerJson: recorded('r0.v1.a1') }
    ],
    ['a run that is not resumed', { execution: 'r0.v1.a1', answerJson: recorded('r0.v1.a1') }],
    ['an execution the engine did not name', { resumed: true, answerJson: recorded('r0.v1.a1') }],
    ['no record', { resumed: true, execution: 'r0.v1.a1' }],
    [
      'a record that is not JSON',
      { resumed: true, execution: 'r0.v1.a1', answerJson: '{"value": "R"' }
    ]
  ])('asks for %s', async (_why, options) => {
    const { interviewer, asked } = counting(['A']);
    const outcome = await new WaitHumanHandler(interviewer).execute(input(options));
    expect(asked).toHaveLength(1);
    expect(outcome.suggestedNextIds).toEqual(['ship']);
  });
});

describe('answerFromRecord', () => {
  it.each<[string, string, Answer | undefined]>([
    [
      'the interviewer’s answer',
      '{"value":"R","text":"rework it","actor":"ana","defaulted":"timeout","execution":"e"}',
      { value: 'R', text: 'rework it', actor: 'ana', defaulted: 'timeout' }
    ],
    [
      'with its option',
      '{"value":"R","selected_option":{"key":"R","label":"[R] Rework"},"execution":"e"}',
      { value: 'R', selectedOption: { key: 'R', label: '[R] Rework' } }
    ],
    [
      'fields of the wrong type are left out',
      '{"value":"R","text":3,"selected_option":{"key":1},"defaulted":"later","execution":"e"}',
      { value: 'R' }
    ],
    ['another execution', '{"value":"R","execution":"f"}', undefined],
    ['no value', '{"execution":"e"}', undefined],
    ['not an object', '"R"', undefined]
  ])('%s', (_what, text, answer) => {
    expect(answerFromRecord(text, 'e')?.answer).toEqual(answer);
  });
});
