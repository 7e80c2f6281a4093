/**
 * One conformance suite for the Interviewer port (spec §6), run against every implementation: what a
 * frontend must do for each question type, in order, without answers, on timeout and on abort.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { AutoApproveInterviewer } from '../../src/interviewers/auto-approve.js';
import { CallbackInterviewer } from '../../src/interviewers/callback.js';
import { ConsoleInterviewer } from '../../src/interviewers/console.js';
import { QueueInterviewer } from '../../src/interviewers/queue.js';
import { RecordingInterviewer } from '../../src/interviewers/recording.js';
import type { Answer, Interviewer, Question } from '../../src/ports/interviewer.js';
import { AnswerValues } from '../../src/ports/interviewer.js';
import { FakeClock } from '../support/fake-clock.js';

/** What the person answering (simulated) does for the next question. */
type Reply =
  { readonly key: string } | { readonly yes: boolean } | { readonly text: string } | 'closed';

interface InterviewerHarness {
  readonly interviewer: Interviewer;
  /** Lets `ms` pass while a question is waiting for an answer. */
  elapse(ms: number): Promise<void>;
}

interface InterviewerFactory {
  /** Can be told what to answer (false for AutoApprove, which decides by itself). */
  readonly scripted: boolean;
  /** Enforces `question.timeoutMs` itself (a live frontend), rather than answering at once. */
  readonly enforcesTimeout: boolean;
  create(replies: readonly Reply[]): InterviewerHarness;
}

const CHOICE: Question = {
  text: 'Ship it?',
  type: 'multiple_choice',
  options: [
    { key: 'A', label: '[A] Approve' },
    { key: 'R', label: '[R] Rework' }
  ],
  stage: 'review'
};
const YES_NO: Question = { text: 'Continue?', type: 'yes_no', options: [], stage: 'confirm' };
const FREEFORM: Question = { text: 'Why?', type: 'freeform', options: [], stage: 'why' };

function expectWellFormed(question: Question, answer: Answer): void {
  expect(typeof answer.value).toBe('string');
  expect(answer.value).not.toBe('');
  switch (question.type) {
    case 'multiple_choice':
      if (answer.selectedOption) {
        expect(question.options).toContainEqual(answer.selectedOption);
        expect(answer.value).toBe(answer.selectedOption.key);
      } else {
        expect(question.options.map((o) => o.key)).toContain(answer.value);
      }
      break;
    case 'yes_no':
    case 'confirmation':
      expect([AnswerValues.Yes, AnswerValues.No]).toContain(answer.value);
      break;
    case 'freeform':
      expect(typeof (answer.text ?? answer.value)).toBe('string');
      break;
  }
}

function describeInterviewer(name: string, factory: InterviewerFactory): void {
  describe(`Interviewer conformance: ${name}`, () => {
    it('gives a well-formed answer to every question type', async () => {
      const { interviewer } = factory.create([{ key: 'R' }, { yes: false }, { text: 'because' }]);
      for (const question of [CHOICE, YES_NO, FREEFORM]) {
        expectWellFormed(question, await interviewer.ask(question));
      }
    });

    it('rejects with the abort reason when the signal is already aborted', async () => {
      const { interviewer } = factory.create([{ key: 'A' }]);
      const controller = new AbortController();
      const reason = new Error('run cancelled');
      controller.abort(reason);
      await expect(interviewer.ask(CHOICE, controller.signal)).rejects.toBe(reason);
    });

    if (!factory.scripted) return;

    it.each(['A', 'R'])('selects the option with key %s', async (key) => {
      const { interviewer } = factory.create([{ key }]);
      const answer = await interviewer.ask(CHOICE);
      expect(answer.value).toBe(key);
      if (answer.selectedOption) expect(answer.selectedOption.key).toBe(key);
    });

    it.each([
      [true, AnswerValues.Yes],
      [false, AnswerValues.No]
    ])('answers a yes/no question (yes=%s → %s)', async (yes, value) => {
      const { interviewer } = factory.create([{ yes }]);
      expect((await interviewer.ask(YES_NO)).value).toBe(value);
    });

    it('returns free text', async () => {
      const { interviewer } = factory.create([{ text: 'Looks good, ship on Monday' }]);
      const answer = await interviewer.ask(FREEFORM);
      expect(answer.text ?? answer.value).toBe('Looks good, ship on Monday');
    });

    it('answers several questions in the order they are asked', async () => {
      const { interviewer } = factory.create([
        { key: 'R' },
        { yes: true },
        { text: 'done' },
        { key: 'A' }
      ]);
      const values: string[] = [];
      for (const question of [CHOICE, YES_NO, FREEFORM, CHOICE]) {
        const answer = await interviewer.ask(question);
        values.push(answer.text ?? answer.value);
      }
      expect(values).toEqual(['R', AnswerValues.Yes, 'done', 'A']);
    });

    it('returns skipped when no answer can be had and the question has no default', async () => {
      const { interviewer } = factory.create(['closed']);
      expect((await interviewer.ask(CHOICE)).value).toBe(AnswerValues.Skipped);
    });

    if (!factory.enforcesTimeout) return;

    it('takes the default answer when the timeout passes', async () => {
      const { interviewer, elapse } = factory.create([]);
      const fallback: Answer = { value: 'R', selectedOption: { key: 'R', label: '[R] Rework' } };
      const pending = interviewer.ask({ ...CHOICE, timeoutMs: 60_000, default: fallback });
      await elapse(60_000);
      const answer = await pending;
      expect(answer.value).toBe('R');
      expect(answer.selectedOption).toEqual(fallback.selectedOption);
      expect(answer.defaulted).toBe('timeout');
    });

    it('returns timeout when the timeout passes and there is no default', async () => {
      const { interviewer, elapse } = factory.create([]);
      const pending = interviewer.ask({ ...YES_NO, timeoutMs: 1000 });
      await elapse(1000);
      expect((await pending).value).toBe(AnswerValues.Timeout);
    });

    it('does not time out when the answer comes first', async () => {
      const { interviewer } = factory.create([{ yes: true }]);
      const answer = await interviewer.ask({ ...YES_NO, timeoutMs: 1000 });
      expect(answer.value).toBe(AnswerValues.Yes);
      expect(answer.defaulted).toBeUndefined();
    });
  });
}

/** The Answer a scripted reply stands for, as a programmatic frontend would build it. */
function answerFor(reply: Reply | undefined, question?: Question): Answer {
  if (reply === undefined || reply === 'closed') return { value: AnswerValues.Skipped };
  if ('key' in reply) {
    const option = question?.options.find((o) => o.key === reply.key);
    return option ? { value: reply.key, selectedOption: option } : { value: reply.key };
  }
  if ('yes' in reply) return { value: reply.yes ? AnswerValues.Yes : AnswerValues.No };
  return { value: reply.text, text: reply.text };
}

const noTime = (): Promise<void> => Promise.resolve();

function queueHarness(replies: readonly Reply[]): InterviewerHarness {
  const untilClosed = replies.slice(
    0,
    replies.indexOf('closed') >= 0 ? replies.indexOf('closed') : undefined
  );
  return {
    interviewer: new QueueInterviewer(untilClosed.map((r) => answerFor(r))),
    elapse: noTime
  };
}

function callbackHarness(replies: readonly Reply[]): InterviewerHarness {
  const remaining = [...replies];
  return {
    interviewer: new CallbackInterviewer((question) => answerFor(remaining.shift(), question)),
    elapse: noTime
  };
}

/** Console fed by a PassThrough: each reply is a typed line, `closed` ends the input. */
function consoleHarness(
  replies: readonly Reply[]
): InterviewerHarness & { readonly clock: FakeClock } {
  const input = new PassThrough();
  const output = new PassThrough();
  output.resume();
  const clock = new FakeClock();
  for (const reply of replies) {
    if (reply === 'closed') {
      input.end();
      break;
    }
    if ('key' in reply) input.write(`${reply.key.toLowerCase()}\n`);
    else if ('yes' in reply) input.write(reply.yes ? 'y\n' : 'n\n');
    else input.write(`${reply.text}\n`);
  }
  return {
    interviewer: new ConsoleInterviewer({ input, output, clock }),
    clock,
    async elapse(ms) {
      await clock.waitForSleeps();
      await clock.advance(ms);
    }
  };
}

describeInterviewer('QueueInterviewer', {
  scripted: true,
  enforcesTimeout: false,
  create: queueHarness
});
describeInterviewer('CallbackInterviewer', {
  scripted: true,
  enforcesTimeout: false,
  create: callbackHarness
});
describeInterviewer('AutoApproveInterviewer', {
  scripted: false,
  enforcesTimeout: false,
  create: () => ({ interviewer: new AutoApproveInterviewer(), elapse: noTime })
});
describeInterviewer('AutoApproveInterviewer (preferDefault)', {
  scripted: false,
  enforcesTimeout: false,
  create: () => ({
    interviewer: new AutoApproveInterviewer({ preferDefault: true }),
    elapse: noTime
  })
});
describeInterviewer('ConsoleInterviewer', {
  scripted: true,
  enforcesTimeout: true,
  create: consoleHarness
});
describeInterviewer('RecordingInterviewer(Queue)', {
  scripted: true,
  enforcesTimeout: false,
  create: (replies) => {
    const inner = queueHarness(replies);
    return { ...inner, interviewer: new RecordingInterviewer(inner.interviewer) };
  }
});
describeInterviewer('RecordingInterviewer(Console)', {
  scripted: true,
  enforcesTimeout: true,
  create: (replies) => {
    const inner = consoleHarness(replies);
    return {
      interviewer: new RecordingInterviewer(inner.interviewer),
      elapse: (ms) => inner.elapse(ms)
    };
  }
});
