/** Behaviour specific to the pure interviewers (the shared contract is in conformance.test.ts). */
import { describe, expect, it } from '@jest/globals';
import { AutoApproveInterviewer } from '../../src/interviewers/auto-approve.js';
import { CallbackInterviewer } from '../../src/interviewers/callback.js';
import { QueueInterviewer } from '../../src/interviewers/queue.js';
import { RecordingInterviewer } from '../../src/interviewers/recording.js';
import type { Answer, Question } from '../../src/ports/interviewer.js';

const CHOICE: Question = {
  text: 'Ship it?',
  type: 'multiple_choice',
  options: [
    { key: 'A', label: '[A] Approve' },
    { key: 'R', label: '[R] Rework' }
  ],
  default: { value: 'R', selectedOption: { key: 'R', label: '[R] Rework' } },
  stage: 'review'
};

describe('AutoApproveInterviewer', () => {
  it.each<[string, Question, Answer]>([
    [
      'yes_no',
      { text: 'ok?', type: 'yes_no', options: [], stage: 's' },
      { value: 'yes', actor: 'auto-approve' }
    ],
    [
      'confirmation',
      { text: 'ok?', type: 'confirmation', options: [], stage: 's' },
      { value: 'yes', actor: 'auto-approve' }
    ],
    [
      'multiple_choice',
      CHOICE,
      { value: 'A', selectedOption: { key: 'A', label: '[A] Approve' }, actor: 'auto-approve' }
    ],
    [
      'multiple_choice without options',
      { text: 'pick', type: 'multiple_choice', options: [], stage: 's' },
      { value: 'auto-approved', text: 'auto-approved', actor: 'auto-approve' }
    ],
    [
      'freeform',
      { text: 'why?', type: 'freeform', options: [], stage: 's' },
      { value: 'auto-approved', text: 'auto-approved', actor: 'auto-approve' }
    ]
  ])('answers %s', async (_name, question, expected) => {
    expect(await new AutoApproveInterviewer().ask(question)).toEqual(expected);
  });

  it('takes the question default only with preferDefault, and the first option when there is none', async () => {
    expect((await new AutoApproveInterviewer({ preferDefault: true }).ask(CHOICE)).value).toBe('R');
    const { default: _unused, ...withoutDefault } = CHOICE;
    expect(
      (await new AutoApproveInterviewer({ preferDefault: true }).ask(withoutDefault)).value
    ).toBe('A');
    expect((await new AutoApproveInterviewer({ actor: 'ci' }).ask(CHOICE)).actor).toBe('ci');
  });
});

describe('QueueInterviewer', () => {
  it('dequeues answers (strings stand for values), then skips', async () => {
    const queue = new QueueInterviewer(['A', { value: 'no', actor: 'replay' }]);
    queue.enqueue('later');
    expect(queue.remaining).toBe(3);
    expect(await queue.ask(CHOICE)).toEqual({ value: 'A' });
    expect(await queue.ask(CHOICE)).toEqual({ value: 'no', actor: 'replay' });
    expect(await queue.ask(CHOICE)).toEqual({ value: 'later' });
    expect(await queue.ask(CHOICE)).toEqual({ value: 'skipped' });
    expect(queue.remaining).toBe(0);
  });
});

describe('CallbackInterviewer', () => {
  it('passes the question and signal to the callback and forwards inform', async () => {
    const seen: unknown[] = [];
    const informed: string[] = [];
    const signal = new AbortController().signal;
    const interviewer = new CallbackInterviewer(
      (question, s) => {
        seen.push(question.stage, s);
        return Promise.resolve({ value: 'A' });
      },
      (message, stage) => informed.push(`${stage}: ${message}`)
    );
    expect(await interviewer.ask(CHOICE, signal)).toEqual({ value: 'A' });
    interviewer.inform('hello', 'review');
    expect(seen).toEqual(['review', signal]);
    expect(informed).toEqual(['review: hello']);
  });
});

describe('RecordingInterviewer', () => {
  it('records each question with its answer, in order, and not asks that failed', async () => {
    const answers: (Answer | Error)[] = [{ value: 'A' }, new Error('boom'), { value: 'R' }];
    const informed: string[] = [];
    const inner = new CallbackInterviewer(
      () => {
        const next = answers.shift();
        return next instanceof Error || next === undefined
          ? Promise.reject(next ?? new Error('empty'))
          : Promise.resolve(next);
      },
      (message) => informed.push(message)
    );
    const recording = new RecordingInterviewer(inner);
    await recording.ask(CHOICE);
    await expect(recording.ask({ ...CHOICE, stage: 'second' })).rejects.toThrow('boom');
    await recording.ask({ ...CHOICE, stage: 'third' });
    recording.inform('note', 'third');
    expect(recording.recordings.map((r) => [r.question.stage, r.answer.value])).toEqual([
      ['review', 'A'],
      ['third', 'R']
    ]);
    expect(informed).toEqual(['note']);
  });
});
