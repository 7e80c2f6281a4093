/** ConsoleInterviewer (spec §6.4) fed by PassThrough streams, with time on a FakeClock. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { ConsoleInterviewer } from '../../src/interviewers/console.js';
import type { ConsoleInterviewerOptions } from '../../src/interviewers/console.js';
import type { Answer, Question } from '../../src/ports/interviewer.js';
import { AnswerValues } from '../../src/ports/interviewer.js';
import { FakeClock } from '../support/fake-clock.js';
import { RAW_CONTROL } from '../support/control-chars.js';

const CHOICE: Question = {
  text: 'Ship it?',
  type: 'multiple_choice',
  options: [
    { key: 'A', label: '[A] Approve' },
    { key: 'R', label: 'R) Rework' },
    { key: 'D', label: 'Defer' }
  ],
  stage: 'review'
};
const YES_NO: Question = { text: 'Continue?', type: 'yes_no', options: [], stage: 'confirm' };
const FREEFORM: Question = { text: 'Why?', type: 'freeform', options: [], stage: 'why' };
const APPROVE: Answer = { value: 'A', selectedOption: { key: 'A', label: '[A] Approve' } };

const EVENTS = ['data', 'end', 'close', 'error', 'readable'] as const;

function setup(options: Partial<ConsoleInterviewerOptions> = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const clock = new FakeClock();
  const interviewer = new ConsoleInterviewer({ input, output, clock, ...options });
  const listeners = (): number[] => EVENTS.map((e) => input.listenerCount(e));
  return { input, clock, interviewer, listeners, output: () => written };
}

describe('ConsoleInterviewer: multiple choice', () => {
  it('prints the question with keyed, numbered options and a prompt', async () => {
    const { input, interviewer, output } = setup();
    input.write('a\n');
    await interviewer.ask(CHOICE);
    expect(output()).toContain('[?] Ship it?\n');
    expect(output()).toContain('  1. [A] Approve\n');
    expect(output()).toContain('  2. [R] Rework\n');
    expect(output()).toContain('  3. [D] Defer\n');
    expect(output()).toContain('Select A/R/D or 1-3: ');
  });

  it.each([
    ['a', 'A'],
    ['A', 'A'],
    [' r ', 'R'],
    ['[d]', 'D'],
    ['1', 'A'],
    ['3', 'D'],
    ['approve', 'A'],
    ['REWORK', 'R'],
    ['[A] Approve', 'A'],
    ['r) rework', 'R'],
    ['defer', 'D']
  ])('accepts %j as option %s', async (typed, key) => {
    const { input, interviewer } = setup();
    input.write(`${typed}\n`);
    const answer = await interviewer.ask(CHOICE);
    expect(answer.value).toBe(key);
    expect(answer.selectedOption).toEqual(CHOICE.options.find((o) => o.key === key));
    expect(answer.actor).toBe('console');
  });

  it('says why an answer is invalid and asks again', async () => {
    const { input, interviewer, output } = setup();
    input.write('x\n7\n\nrework\n');
    const answer = await interviewer.ask(CHOICE);
    expect(answer.value).toBe('R');
    expect(output()).toContain(
      "'x' is not one of the options. Type a key (A, R, D), a number (1-3) or the option's label."
    );
    expect(output()).toContain('There is no option 7; choose a number from 1 to 3.');
    expect(output()).toContain('Please choose an option: type its key, number or label.');
    expect(output().split('Select A/R/D or 1-3: ')).toHaveLength(5);
  });

  it('asks for the number when a key belongs to two options', async () => {
    const { input, interviewer, output } = setup();
    input.write('a\n2\n');
    const question: Question = {
      ...CHOICE,
      options: [
        { key: 'A', label: 'Approve' },
        { key: 'A', label: 'Abort' }
      ]
    };
    const answer = await interviewer.ask(question);
    expect(answer.selectedOption?.label).toBe('Abort');
    expect(output()).toContain(
      "'a' matches more than one option ([A] Approve, [A] Abort); type the option's number instead."
    );
  });

  it('skips the question after 10 invalid answers', async () => {
    const { input, interviewer, output } = setup();
    input.write('nope\n'.repeat(10) + 'a\n');
    expect((await interviewer.ask(CHOICE)).value).toBe(AnswerValues.Skipped);
    expect(output()).toContain("Too many invalid answers (10); skipping gate 'review'.");
    expect((await interviewer.ask(CHOICE)).value).toBe('A');
  });

  it('takes the default on an empty line', async () => {
    const { input, interviewer, output } = setup();
    input.write('\n');
    const answer = await interviewer.ask({ ...CHOICE, default: APPROVE });
    expect(answer).toEqual({ ...APPROVE, actor: 'console' });
    expect(output()).toContain('(default: [A] Approve)');
  });
});

describe('ConsoleInterviewer: yes/no and freeform', () => {
  it.each([
    ['y', AnswerValues.Yes],
    ['YES', AnswerValues.Yes],
    ['n', AnswerValues.No],
    [' No ', AnswerValues.No]
  ])('yes/no accepts %j', async (typed, value) => {
    const { input, interviewer, output } = setup();
    input.write(`${typed}\n`);
    expect((await interviewer.ask(YES_NO)).value).toBe(value);
    expect(output()).toContain('[?] Continue?\n[y/n]: ');
  });

  it('re-asks a yes/no question on anything else', async () => {
    const { input, interviewer, output } = setup();
    input.write('maybe\ny\n');
    expect((await interviewer.ask({ ...YES_NO, type: 'confirmation' })).value).toBe(
      AnswerValues.Yes
    );
    expect(output()).toContain("'maybe' is not yes or no; type y or n.");
  });

  it('shows and takes a yes/no default', async () => {
    const { input, interviewer, output } = setup();
    input.write('\n');
    expect((await interviewer.ask({ ...YES_NO, default: { value: 'no' } })).value).toBe(
      AnswerValues.No
    );
    expect(output()).toContain('[y/N]: ');
  });

  it('returns free text, trimmed', async () => {
    const { input, interviewer } = setup();
    input.write('  ship it on Monday \n');
    expect(await interviewer.ask(FREEFORM)).toEqual({
      value: 'ship it on Monday',
      text: 'ship it on Monday',
      actor: 'console'
    });
  });

  it('re-asks on an empty freeform line without a default, and takes the default with one', async () => {
    const { input, interviewer, output } = setup();
    input.write('\nfine\n\n');
    expect((await interviewer.ask(FREEFORM)).text).toBe('fine');
    expect(output()).toContain('Please type a response; an empty line is not an answer.');
    const answer = await interviewer.ask({
      ...FREEFORM,
      default: { value: 'later', text: 'later' }
    });
    expect(answer.text).toBe('later');
  });
});

describe('ConsoleInterviewer: one stream, many questions', () => {
  it('answers several questions from lines that arrive in one chunk', async () => {
    const { input, interviewer, listeners } = setup();
    const before = listeners();
    input.write('r\ny\nsounds good\n2\n');
    const answers = [
      await interviewer.ask(CHOICE),
      await interviewer.ask(YES_NO),
      await interviewer.ask(FREEFORM),
      await interviewer.ask(CHOICE)
    ];
    expect(answers.map((a) => a.text ?? a.value)).toEqual(['R', 'yes', 'sounds good', 'R']);
    expect(listeners()).toEqual(before);
  });

  it('joins lines split across chunks, CRLF endings and multi-byte characters split mid-character', async () => {
    const { input, interviewer } = setup();
    const bytes = Buffer.from('café\r\n', 'utf8');
    input.write('appr');
    input.write('ove\r\n');
    input.write(bytes.subarray(0, 4));
    input.write(bytes.subarray(4));
    expect((await interviewer.ask(CHOICE)).value).toBe('A');
    expect((await interviewer.ask(FREEFORM)).text).toBe('café');
  });

  it('asks questions that arrive together one after the other', async () => {
    const { input, interviewer, output } = setup();
    const first = interviewer.ask(CHOICE);
    const second = interviewer.ask(YES_NO);
    input.write('d\nn\n');
    expect((await first).value).toBe('D');
    expect((await second).value).toBe(AnswerValues.No);
    expect(output().indexOf('[?] Continue?')).toBeGreaterThan(output().indexOf('Select A/R/D'));
  });

  it('leaves no listener on the input after each question', async () => {
    const { input, interviewer, listeners, clock } = setup();
    const before = listeners();
    input.write('a\n');
    await interviewer.ask(CHOICE);
    expect(listeners()).toEqual(before);
    const pending = interviewer.ask({ ...YES_NO, timeoutMs: 500 });
    await clock.waitForSleeps();
    await clock.advance(500);
    await pending;
    expect(listeners()).toEqual(before);
    expect(clock.pendingSleeps).toBe(0);
    input.end();
    await interviewer.ask(FREEFORM);
    expect(listeners()).toEqual(before);
  });

  it('echoes answers read from a non-TTY input, and not when echo is off', async () => {
    const echoing = setup();
    echoing.input.write('a\n');
    await echoing.interviewer.ask(CHOICE);
    expect(echoing.output()).toContain('Select A/R/D or 1-3: a\n');
    const quiet = setup({ echo: false });
    quiet.input.write('a\n');
    await quiet.interviewer.ask(CHOICE);
    expect(quiet.output()).not.toContain('1-3: a');
  });
});

describe('ConsoleInterviewer: timeouts', () => {
  it('takes the default when nobody answers in time', async () => {
    const { interviewer, clock, output } = setup();
    const pending = interviewer.ask({ ...CHOICE, timeoutMs: 300_000, default: APPROVE });
    await clock.waitForSleeps();
    expect(output()).toContain('(default: [A] Approve; waits 5m)');
    await clock.advance(299_999);
    expect(clock.pendingSleeps).toBe(1);
    await clock.advance(1);
    expect(await pending).toEqual({ ...APPROVE, defaulted: 'timeout' });
    expect(output()).toContain("No answer after 5m; gate 'review' takes its default: [A] Approve");
  });

  it('returns timeout when there is no default', async () => {
    const { interviewer, clock, output } = setup();
    const pending = interviewer.ask({ ...FREEFORM, timeoutMs: 90_000 });
    await clock.waitForSleeps();
    await clock.advance(90_000);
    expect(await pending).toEqual({ value: AnswerValues.Timeout });
    expect(output()).toContain("No answer after 1m30s for gate 'why'.");
  });

  it('cancels the timer when the answer comes first, and keeps later lines for later questions', async () => {
    const { input, interviewer, clock } = setup();
    const pending = interviewer.ask({ ...CHOICE, timeoutMs: 1000 });
    await clock.waitForSleeps();
    input.write('a\nn\n');
    expect((await pending).value).toBe('A');
    expect(clock.pendingSleeps).toBe(0);
    expect((await interviewer.ask(YES_NO)).value).toBe(AnswerValues.No);
  });

  it('ignores a zero timeout', async () => {
    const { input, interviewer, clock } = setup();
    input.write('y\n');
    expect((await interviewer.ask({ ...YES_NO, timeoutMs: 0 })).value).toBe(AnswerValues.Yes);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('ConsoleInterviewer: input closed', () => {
  it('returns skipped and says so when the input ends without a default', async () => {
    const { input, interviewer, output } = setup();
    input.end();
    expect(await interviewer.ask(CHOICE)).toEqual({ value: AnswerValues.Skipped });
    expect(output()).toContain("stdin closed; no answer for gate 'review'.");
  });

  it('takes the default when the input ends', async () => {
    const { input, interviewer, output } = setup({ inputName: 'the answers file' });
    input.end();
    expect(await interviewer.ask({ ...CHOICE, default: APPROVE })).toEqual({
      ...APPROVE,
      defaulted: 'closed'
    });
    expect(output()).toContain(
      "the answers file closed; gate 'review' takes its default: [A] Approve"
    );
  });

  it('uses the remaining lines first, including a last line without a newline', async () => {
    const { input, interviewer } = setup();
    input.end('a\nfinal words');
    expect((await interviewer.ask(CHOICE)).value).toBe('A');
    expect((await interviewer.ask(FREEFORM)).text).toBe('final words');
    expect((await interviewer.ask(YES_NO)).value).toBe(AnswerValues.Skipped);
    expect((await interviewer.ask(YES_NO)).value).toBe(AnswerValues.Skipped);
  });

  it('notices an input that closes while a question waits', async () => {
    const { input, interviewer, listeners } = setup();
    const before = listeners();
    const pending = interviewer.ask(FREEFORM);
    await new Promise<void>((resolve) => setImmediate(resolve));
    input.end();
    expect((await pending).value).toBe(AnswerValues.Skipped);
    expect(listeners()).toEqual(before);
  });

  it('treats a stream error as the end of input and names the error', async () => {
    const { input, interviewer, output } = setup();
    const pending = interviewer.ask(YES_NO);
    await new Promise<void>((resolve) => setImmediate(resolve));
    input.destroy(new Error('EIO'));
    expect((await pending).value).toBe(AnswerValues.Skipped);
    expect(output()).toContain("stdin failed (EIO); no answer for gate 'confirm'.");
  });
});

describe('ConsoleInterviewer: abort', () => {
  it('rejects promptly with the reason, detaches, and still answers the next question', async () => {
    const { input, interviewer, listeners, clock } = setup();
    const before = listeners();
    const controller = new AbortController();
    const pending = interviewer.ask({ ...CHOICE, timeoutMs: 60_000 }, controller.signal);
    await clock.waitForSleeps();
    const reason = new Error('stopped by SIGINT');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(listeners()).toEqual(before);
    expect(clock.pendingSleeps).toBe(0);
    input.write('r\n');
    expect((await interviewer.ask(CHOICE)).value).toBe('R');
  });

  it('prints informational messages with the stage', () => {
    const { interviewer, output } = setup();
    interviewer.inform('waiting for review', 'review');
    expect(output()).toBe('[i] review: waiting for review\n');
  });
});

describe('ConsoleInterviewer: control characters', () => {
  it('shows them as escapes in the question, the options, the echo and the error', async () => {
    const { input, interviewer, output } = setup();
    input.write('\u001b[2Jnope\nb\n');
    const answer = await interviewer.ask({
      text: 'Ship \u001b]0;PWNED\u0007it?',
      type: 'multiple_choice',
      options: [
        { key: 'A', label: '[A] Appr\u001b[8move' },
        { key: 'B', label: '[B] Block\u009b' }
      ],
      stage: 'gate\u001b[31m'
    });
    expect(answer.value).toBe('B');
    expect(output()).not.toMatch(RAW_CONTROL);
    expect(output()).toContain('[?] Ship \\x1b]0;PWNED\\x07it?\n');
    expect(output()).toContain('  1. [A] Appr\\x1b[8move\n  2. [B] Block\\x9b\n');
    expect(output()).toContain("'\\x1b[2Jnope' is not one of the options");
  });

  it('shows them as escapes in what inform() prints', () => {
    const { interviewer, output } = setup();
    interviewer.inform('done\u001b[2J', 'gate\u0007');
    expect(output()).toBe('[i] gate\\x07: done\\x1b[2J\n');
  });
});
