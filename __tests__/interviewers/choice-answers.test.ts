/**
 * One table of typed answers, run against every frontend that reads text: a line typed into the console and
 * a `/tracker choose …` comment reply must select the same option (or be refused for the same reason),
 * because both go through matchChoice / matchYesNo (src/interviewers/match-answer.ts).
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { parseAcceleratorKey } from '../../src/common/accelerator-key.js';
import { ConsoleInterviewer } from '../../src/interviewers/console.js';
import { parseReply, resolveReply } from '../../src/interviewers/reply-command.js';
import type { Answer, Question } from '../../src/ports/interviewer.js';
import { AnswerValues } from '../../src/ports/interviewer.js';
import { FakeClock } from '../support/fake-clock.js';

/** Options built from edge labels the way the wait.human handler builds them (spec §4.6 keys). */
function choiceQuestion(...labels: string[]): Question {
  return {
    text: 'Pick one',
    type: 'multiple_choice',
    options: labels.map((label) => ({ key: parseAcceleratorKey(label), label })),
    stage: 'gate'
  };
}

const QUESTIONS = {
  review: choiceQuestion('[A] Approve', 'R) Rework', 'Defer', 'c - Cancel release'),
  clash: choiceQuestion('[S] Ship', 'Skip', 'Stop now'),
  numbered: choiceQuestion('[1] First', '[2] Second', 'Third'),
  spaced: choiceQuestion('[Y] Yes, deploy   now', '[N] No'),
  yesNo: { text: 'Continue?', type: 'yes_no', options: [], stage: 'confirm' } satisfies Question
} as const;

type Expected =
  | { readonly label: string }
  | { readonly value: 'yes' | 'no' }
  | { readonly refused: 'unknown' | 'no-such-number' | 'ambiguous' };

const TABLE: ReadonlyArray<readonly [keyof typeof QUESTIONS, string, Expected]> = [
  // accelerator keys, any case, bare or bracketed
  ['review', 'a', { label: '[A] Approve' }],
  ['review', 'A', { label: '[A] Approve' }],
  ['review', ' r ', { label: 'R) Rework' }],
  ['review', '[d]', { label: 'Defer' }],
  ['review', 'C', { label: 'c - Cancel release' }],
  // 1-based numbers
  ['review', '1', { label: '[A] Approve' }],
  ['review', '4', { label: 'c - Cancel release' }],
  ['review', '5', { refused: 'no-such-number' }],
  ['review', '0', { refused: 'no-such-number' }],
  // labels, with or without their accelerator prefix, any case
  ['review', 'approve', { label: '[A] Approve' }],
  ['review', 'REWORK', { label: 'R) Rework' }],
  ['review', '[A] Approve', { label: '[A] Approve' }],
  ['review', 'r) rework', { label: 'R) Rework' }],
  ['review', 'cancel   release', { label: 'c - Cancel release' }],
  ['review', 'C - Cancel release', { label: 'c - Cancel release' }],
  ['review', 'ship', { refused: 'unknown' }],
  ['review', 'approved', { refused: 'unknown' }],
  // a key two options share falls through to the label; a shared key alone is ambiguous
  ['clash', 's', { refused: 'ambiguous' }],
  ['clash', 'skip', { label: 'Skip' }],
  ['clash', 'stop now', { label: 'Stop now' }],
  ['clash', '3', { label: 'Stop now' }],
  // numeric keys win over positions
  ['numbered', '2', { label: '[2] Second' }],
  ['numbered', '3', { label: 'Third' }],
  ['numbered', 'third', { label: 'Third' }],
  // whitespace in labels is collapsed
  ['spaced', 'yes, deploy now', { label: '[Y] Yes, deploy   now' }],
  ['spaced', 'n', { label: '[N] No' }],
  // yes/no questions
  ['yesNo', 'y', { value: 'yes' }],
  ['yesNo', 'YES', { value: 'yes' }],
  ['yesNo', 'n', { value: 'no' }],
  ['yesNo', 'No', { value: 'no' }],
  ['yesNo', 'maybe', { refused: 'unknown' }]
];

/** How each kind of refusal reads, in the console's words and in a reply's. */
const REFUSAL: Readonly<Record<'unknown' | 'no-such-number' | 'ambiguous', RegExp>> = {
  unknown: /is not (one of the (options|choices)|yes or no)/,
  'no-such-number': /There is no (option|choice) \d+; choose a number from 1 to \d+\./,
  ambiguous:
    /matches more than one (option|choice) \(.+\); (type the option's number|choose by number) instead\./
};

type Got = Expected | { readonly refusedWith: string };

/** The option an answer selected, by label (keys can be shared); its value must be that option's key. */
function chosen(question: Question, answer: Answer): Got {
  if (question.type === 'yes_no') return { value: answer.value as 'yes' | 'no' };
  const option = answer.selectedOption;
  expect(question.options).toContainEqual(option);
  expect(answer.value).toBe(option?.key);
  return { label: option?.label ?? '' };
}

/** What the console makes of one typed line (a refused line ends the question: one invalid answer allowed). */
async function viaConsole(question: Question, typed: string): Promise<Got> {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const interviewer = new ConsoleInterviewer({
    input,
    output,
    clock: new FakeClock(),
    maxInvalidAnswers: 1
  });
  input.write(`${typed}\n`);
  const answer = await interviewer.ask(question);
  if (answer.value === AnswerValues.Skipped) return { refusedWith: written };
  return chosen(question, answer);
}

/** What a `/tracker choose <typed>` comment means for the question. */
function viaReply(question: Question, typed: string): Got {
  const resolution = resolveReply(question, parseReply(`/tracker choose ${typed}`));
  if (resolution.kind === 'invalid') return { refusedWith: resolution.reason };
  if (resolution.kind !== 'answer') throw new Error(`unexpected ${resolution.kind}`);
  return chosen(question, resolution.answer);
}

describe.each([
  ['console line', viaConsole],
  ['comment reply', viaReply]
] as const)('typed answers: %s', (_name, frontend) => {
  it.each(TABLE)('%s: %j', async (questionName, typed, expected) => {
    const got = await frontend(QUESTIONS[questionName], typed);
    if ('refused' in expected) {
      expect(got).toEqual({ refusedWith: expect.stringMatching(REFUSAL[expected.refused]) });
    } else {
      expect(got).toEqual(expected);
    }
  });
});
