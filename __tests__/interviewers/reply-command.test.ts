/** Comment replies to a gate: where the command may be, what each verb takes, what it means per question type. */
import { describe, expect, it } from '@jest/globals';
import { parseReply, resolveReply } from '../../src/interviewers/reply-command.js';
import type { Reply } from '../../src/interviewers/reply-command.js';
import type { Question } from '../../src/ports/interviewer.js';

describe('parseReply: commands', () => {
  it.each<[string, Reply]>([
    ['/tracker approve', { kind: 'approve' }],
    ['/tracker approve\n', { kind: 'approve' }],
    ['/tracker approve.', { kind: 'approve' }],
    ['/tracker approve !', { kind: 'approve' }],
    ['  /Tracker APPROVE  \r\n', { kind: 'approve' }],
    ['/tracker approve\n\nLooks good to me.', { kind: 'approve' }],
    ['/tracker choose 2', { kind: 'choose', choice: '2' }],
    ['/tracker choose [A] Approve', { kind: 'choose', choice: '[A] Approve' }],
    ['/tracker choose:   ship it  \nthanks', { kind: 'choose', choice: 'ship it' }],
    ['/tracker deny', { kind: 'deny' }],
    ['/tracker deny: tests are red', { kind: 'deny', reason: 'tests are red' }],
    [
      '/tracker deny\nThe migration is not reversible.\nSee #12.',
      { kind: 'deny', reason: 'The migration is not reversible.\nSee #12.' }
    ],
    ['/tracker answer use the blue one', { kind: 'answer', text: 'use the blue one' }],
    ['/tracker answer\nline one\r\nline two\n', { kind: 'answer', text: 'line one\nline two' }],
    ['\n\n/tracker approve', { kind: 'approve' }]
  ])('%j', (body, expected) => {
    expect(parseReply(body)).toEqual(expected);
  });

  it('reads a quote-reply: quoted lines are skipped, a command inside a quote never counts', () => {
    expect(parseReply('> Ship v2?\n> Reply /tracker approve\n\n/tracker deny not yet')).toEqual({
      kind: 'deny',
      reason: 'not yet'
    });
    expect(parseReply('> /tracker approve\n\nagreed!')).toEqual({ kind: 'none' });
    expect(parseReply('> /tracker approve')).toEqual({ kind: 'none' });
  });
});

describe('parseReply: comments that are not commands', () => {
  it.each([
    '',
    '   \n  ',
    'LGTM',
    'approve',
    'Thanks! I will look at this tomorrow.',
    '/trackerapprove',
    '/tracking approve',
    'See https://github.com/acme/tracker/pull/3',
    'Some words\n/tracker approve'
  ])('%j is none', (body) => {
    expect(parseReply(body)).toEqual({ kind: 'none' });
  });
});

describe('parseReply: addressed to tracker but not understood', () => {
  it.each([
    ['/tracker', /needs a command/],
    ['/tracker aprove', /'\/tracker aprove' is not a command\. Did you mean \/tracker approve\?/],
    ['/tracker chose 1', /Did you mean \/tracker choose\?/],
    ['/tracker merge', /'\/tracker merge' is not a command\. Reply with \/tracker choose/],
    ['/tracker choose', /choose needs a choice on the same line/],
    ['/tracker choose\nApprove', /choose needs a choice on the same line/],
    ['/tracker approve the second one', /approve takes nothing after it/],
    ['/tracker answer', /answer needs the text/],
    ['/tracker answer   \n  ', /answer needs the text/],
    ['`/tracker approve`', /Put the command at the start of the comment/],
    ['Sure: /tracker approve', /Put the command at the start of the comment/]
  ])('%j', (body, reason) => {
    const reply = parseReply(body);
    expect(reply.kind).toBe('invalid');
    expect(reply.kind === 'invalid' ? reply.reason : '').toMatch(reason);
  });

  it('cuts long text short in its reason', () => {
    const reply = parseReply(`/tracker ${'x'.repeat(500)}`);
    expect(reply.kind === 'invalid' ? reply.reason.length : 0).toBeLessThan(260);
  });
});

const CHOICE: Question = {
  text: 'Ship it?',
  type: 'multiple_choice',
  options: [
    { key: 'A', label: '[A] Approve' },
    { key: 'R', label: '[R] Rework' }
  ],
  stage: 'review'
};
const YES_NO_CHOICE: Question = {
  ...CHOICE,
  options: [
    { key: 'Y', label: '[Y] Yes' },
    { key: 'N', label: '[N] No' }
  ]
};
const REJECTABLE: Question = {
  ...CHOICE,
  options: [
    { key: 'S', label: 'Ship' },
    { key: 'X', label: '[X] Reject' }
  ]
};
const YES_NO: Question = { text: 'Continue?', type: 'yes_no', options: [], stage: 'confirm' };
const CONFIRM: Question = { ...YES_NO, type: 'confirmation' };
const FREEFORM: Question = { text: 'Why?', type: 'freeform', options: [], stage: 'why' };
const EMPTY_CHOICE: Question = { ...CHOICE, options: [] };

describe('resolveReply', () => {
  it.each<[string, Question, string, unknown]>([
    [
      'approve picks the Approve choice',
      CHOICE,
      '/tracker approve',
      { value: 'A', label: '[A] Approve' }
    ],
    [
      'approve picks a Yes choice',
      YES_NO_CHOICE,
      '/tracker approve',
      { value: 'Y', label: '[Y] Yes' }
    ],
    ['choose by key', CHOICE, '/tracker choose r', { value: 'R', label: '[R] Rework' }],
    ['choose by number', CHOICE, '/tracker choose 2', { value: 'R', label: '[R] Rework' }],
    ['approve on yes/no', YES_NO, '/tracker approve', { value: 'yes' }],
    ['approve on confirmation', CONFIRM, '/tracker approve', { value: 'yes' }],
    ['choose n on yes/no', YES_NO, '/tracker choose n', { value: 'no' }],
    ['choose yes on yes/no', YES_NO, '/tracker choose YES', { value: 'yes' }],
    [
      'answer on freeform',
      FREEFORM,
      '/tracker answer\nbecause it is Friday',
      { value: 'because it is Friday', text: 'because it is Friday' }
    ],
    [
      'answer on a choice question without options',
      EMPTY_CHOICE,
      '/tracker answer ok',
      { value: 'ok', text: 'ok' }
    ]
  ])('%s', (_name, question, body, expected) => {
    const resolution = resolveReply(question, parseReply(body));
    expect(resolution.kind).toBe('answer');
    if (resolution.kind !== 'answer') return;
    const { value, text, selectedOption } = resolution.answer;
    expect({
      value,
      ...(text === undefined ? {} : { text }),
      ...(selectedOption === undefined ? {} : { label: selectedOption.label })
    }).toEqual(expected);
    if (selectedOption) expect(question.options).toContainEqual(selectedOption);
  });

  it.each<[string, Question, string, unknown]>([
    [
      'deny on yes/no means no',
      YES_NO,
      '/tracker deny risky',
      { kind: 'deny', reason: 'risky', answer: { value: 'no' } }
    ],
    [
      'deny picks a No choice',
      YES_NO_CHOICE,
      '/tracker deny',
      { kind: 'deny', answer: { value: 'N', selectedOption: { key: 'N', label: '[N] No' } } }
    ],
    [
      'deny picks a Reject choice',
      REJECTABLE,
      '/tracker deny',
      { kind: 'deny', answer: { value: 'X', selectedOption: { key: 'X', label: '[X] Reject' } } }
    ],
    [
      'deny without a matching choice is a veto',
      CHOICE,
      '/tracker deny not now',
      { kind: 'deny', reason: 'not now' }
    ],
    ['deny on freeform is a veto', FREEFORM, '/tracker deny', { kind: 'deny' }]
  ])('%s', (_name, question, body, expected) => {
    expect(resolveReply(question, parseReply(body))).toEqual(expected);
  });

  it.each<[string, Question, string, RegExp]>([
    [
      'approve without an Approve/Yes choice',
      REJECTABLE,
      '/tracker approve',
      /This gate has no Approve or Yes choice\. Reply \/tracker choose <key\|number\|label> with one of: \[S\] Ship, \[X\] Reject\./
    ],
    ['answer on a choice gate', CHOICE, '/tracker answer approve', /asks you to pick a choice/],
    [
      'an unknown choice lists the choices',
      CHOICE,
      '/tracker choose ship',
      /'ship' is not one of the choices\. Reply \/tracker choose <key\|number\|label> with one of: \[A\] Approve, \[R\] Rework\./
    ],
    [
      'a number beyond the choices',
      CHOICE,
      '/tracker choose 3',
      /There is no choice 3; choose a number from 1 to 2\./
    ],
    [
      'choose maybe on yes/no',
      YES_NO,
      '/tracker choose maybe',
      /'maybe' is not yes or no\. This gate asks yes or no: reply \/tracker approve or \/tracker deny \[reason\]\./
    ],
    ['answer on yes/no', YES_NO, '/tracker answer yes', /asks yes or no/],
    ['approve on freeform', FREEFORM, '/tracker approve', /reply \/tracker answer <text>/],
    ['choose on freeform', FREEFORM, '/tracker choose 1', /reply \/tracker answer <text>/],
    ['a parse error passes through', CHOICE, '/tracker aprove', /Did you mean \/tracker approve\?/]
  ])('%s is invalid', (_name, question, body, reason) => {
    const resolution = resolveReply(question, parseReply(body));
    expect(resolution.kind).toBe('invalid');
    expect(resolution.kind === 'invalid' ? resolution.reason : '').toMatch(reason);
  });

  it('passes a comment that is not a command through as none', () => {
    expect(resolveReply(CHOICE, parseReply('LGTM'))).toEqual({ kind: 'none' });
    expect(resolveReply(FREEFORM, parseReply('/tracker-bot hi'))).toEqual({ kind: 'none' });
  });
});
