/**
 * Replies to a human gate written as comments on a pull request or issue (issue 11):
 *
 * ```
 * /tracker choose <key|number|label>     pick one of the gate's choices
 * /tracker approve                       yes (yes/no gates), or the choice labelled Approve or Yes
 * /tracker deny [reason]                 no (yes/no gates), or the choice labelled Deny, Reject or No; else a veto
 * /tracker answer <text>                 free text (freeform gates)
 * ```
 *
 * `parseReply` reads a comment body; `resolveReply` applies the command to the gate's question. Choices are
 * matched by `matchChoice`, exactly as the console matches a typed line. Pure: no I/O, no clock.
 *
 * Where the command may be: on the first line that is neither blank nor quoted (`> …`), at its start. So
 * quote-replying the gate comment and adding `/tracker approve` below the quote works, and a command inside
 * a quote never counts. A first line that mentions `/tracker` elsewhere is `invalid` (the person meant to
 * answer and should hear why it did not count); a comment that never mentions it is `none` (ignored).
 * The prefix and verbs are case-insensitive, and a verb may end in `:`, `.` or `!` (`/tracker approve.`).
 */
import { Suggester } from '../common/suggest.js';
import type { Answer, Question, QuestionOption } from '../ports/interviewer.js';
import { AnswerValues } from '../ports/interviewer.js';
import { formatOption, matchChoice, matchYesNo } from './match-answer.js';

export const REPLY_PREFIX = '/tracker';
export const ReplyVerbs = ['choose', 'approve', 'deny', 'answer'] as const;
export type ReplyVerb = (typeof ReplyVerbs)[number];

/** What a comment says to tracker. */
export type Reply =
  | { readonly kind: 'choose'; readonly choice: string }
  | { readonly kind: 'approve' }
  | { readonly kind: 'deny'; readonly reason?: string }
  | { readonly kind: 'answer'; readonly text: string }
  /** Not addressed to tracker: ignore it. */
  | { readonly kind: 'none' }
  /** Addressed to tracker but not a command it understands; `reason` says why and what to write. */
  | { readonly kind: 'invalid'; readonly reason: string };

/** What a reply means for one question. */
export type ReplyResolution =
  | { readonly kind: 'answer'; readonly answer: Answer }
  /**
   * `/tracker deny`. `answer` is what the denial means for this question when it has one (`no` for a
   * yes/no gate, a choice labelled Deny, Reject or No); without one it is a veto the caller decides on.
   */
  | { readonly kind: 'deny'; readonly reason?: string; readonly answer?: Answer }
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly reason: string };

const PREFIX_PATTERN = /^\/tracker(?=\s|$)/i;
/** `/tracker` as a word of its own (not the end of a path such as `github.com/acme/tracker`). */
const MENTION_PATTERN = /(?:^|[\s`'"(*_~])\/tracker(?![\w-])/i;
/** Labels `/tracker approve` and `/tracker deny` select on a choice gate, in order of preference. */
const APPROVE_LABELS = ['approve', 'yes'] as const;
const DENY_LABELS = ['deny', 'reject', 'no'] as const;
const MAX_QUOTED = 60;

/** `text` in quotes for a message, cut short when long (a reply can be any length). */
function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `'${flat.length > MAX_QUOTED ? `${flat.slice(0, MAX_QUOTED - 1)}…` : flat}'`;
}

function usage(): string {
  return 'Reply with /tracker choose <key|number|label>, /tracker approve, /tracker deny [reason] or /tracker answer <text>.';
}

function isVerb(word: string): word is ReplyVerb {
  return (ReplyVerbs as readonly string[]).includes(word);
}

/** Reads a comment body as a reply to a gate (see the module comment for where the command may be). */
export function parseReply(body: string): Reply {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('>'));
  if (first < 0) return { kind: 'none' };
  const line = (lines[first] ?? '').trim();
  const prefix = PREFIX_PATTERN.exec(line);
  if (!prefix) {
    if (!MENTION_PATTERN.test(line)) return { kind: 'none' };
    return {
      kind: 'invalid',
      reason: `Put the command at the start of the comment, as plain text (not quoted or in code). ${usage()}`
    };
  }
  const afterPrefix = line.slice(prefix[0].length).trim();
  const verbMatch = /^(\S+)\s*([\s\S]*)$/.exec(afterPrefix);
  if (!verbMatch) return { kind: 'invalid', reason: `${REPLY_PREFIX} needs a command. ${usage()}` };
  const written = verbMatch[1] ?? '';
  const verb = written.replace(/[:.!]+$/, '').toLowerCase();
  const restOfLine = (verbMatch[2] ?? '').trim();
  const below = lines.slice(first + 1).join('\n');
  if (!isVerb(verb)) {
    const suggestion = new Suggester(ReplyVerbs).suggest(verb);
    const hint = suggestion === undefined ? '' : ` Did you mean ${REPLY_PREFIX} ${suggestion}?`;
    return {
      kind: 'invalid',
      reason: `${quote(`${REPLY_PREFIX} ${written}`)} is not a command.${hint} ${usage()}`
    };
  }
  switch (verb) {
    case 'choose':
      if (restOfLine === '') {
        return {
          kind: 'invalid',
          reason: `${REPLY_PREFIX} choose needs a choice on the same line: its key, number or label.`
        };
      }
      return { kind: 'choose', choice: restOfLine };
    case 'approve':
      if (restOfLine.replace(/^[.!]+$/, '') !== '') {
        return {
          kind: 'invalid',
          reason: `${REPLY_PREFIX} approve takes nothing after it on its line; to pick a choice, reply ${REPLY_PREFIX} choose <key|number|label>.`
        };
      }
      return { kind: 'approve' };
    case 'deny': {
      const reason = `${restOfLine}\n${below}`.trim();
      return reason === '' ? { kind: 'deny' } : { kind: 'deny', reason };
    }
    case 'answer': {
      const text = `${restOfLine}\n${below}`.trim();
      if (text === '') {
        return {
          kind: 'invalid',
          reason: `${REPLY_PREFIX} answer needs the text of the answer after it.`
        };
      }
      return { kind: 'answer', text };
    }
  }
}

function choiceAnswer(option: QuestionOption): Answer {
  return { value: option.key, selectedOption: option };
}

function listChoices(options: readonly QuestionOption[]): string {
  return options.map(formatOption).join(', ');
}

/** The first label of `labels` that selects exactly one option. */
function optionLabelled(
  options: readonly QuestionOption[],
  labels: readonly string[]
): QuestionOption | undefined {
  for (const label of labels) {
    const match = matchChoice(options, label);
    if (match.kind === 'option') return match.option;
  }
  return undefined;
}

function resolveChosen(
  options: readonly QuestionOption[],
  choice: string,
  choose: string
): ReplyResolution {
  const match = matchChoice(options, choice);
  switch (match.kind) {
    case 'option':
      return { kind: 'answer', answer: choiceAnswer(match.option) };
    case 'no-such-number':
      return {
        kind: 'invalid',
        reason: `There is no choice ${match.number}; choose a number from 1 to ${options.length}.`
      };
    case 'ambiguous':
      return {
        kind: 'invalid',
        reason: `${quote(choice)} matches more than one choice (${listChoices(match.candidates)}); choose by number instead.`
      };
    case 'unknown':
      return { kind: 'invalid', reason: `${quote(choice)} is not one of the choices. ${choose}` };
  }
}

function resolveChoice(options: readonly QuestionOption[], reply: Reply): ReplyResolution {
  const choose = `Reply ${REPLY_PREFIX} choose <key|number|label> with one of: ${listChoices(options)}.`;
  switch (reply.kind) {
    case 'choose':
      return resolveChosen(options, reply.choice, choose);
    case 'approve': {
      const option = optionLabelled(options, APPROVE_LABELS);
      if (option) return { kind: 'answer', answer: choiceAnswer(option) };
      return { kind: 'invalid', reason: `This gate has no Approve or Yes choice. ${choose}` };
    }
    case 'deny': {
      const option = optionLabelled(options, DENY_LABELS);
      return denial(reply.reason, option ? choiceAnswer(option) : undefined);
    }
    case 'answer':
      return { kind: 'invalid', reason: `This gate asks you to pick a choice. ${choose}` };
    case 'none':
    case 'invalid':
      return reply;
  }
}

function resolveYesNo(reply: Reply): ReplyResolution {
  const yesOrNo = `This gate asks yes or no: reply ${REPLY_PREFIX} approve or ${REPLY_PREFIX} deny [reason].`;
  switch (reply.kind) {
    case 'approve':
      return { kind: 'answer', answer: { value: AnswerValues.Yes } };
    case 'deny':
      return denial(reply.reason, { value: AnswerValues.No });
    case 'choose': {
      const word = matchYesNo(reply.choice);
      if (word) return { kind: 'answer', answer: { value: word } };
      return { kind: 'invalid', reason: `${quote(reply.choice)} is not yes or no. ${yesOrNo}` };
    }
    case 'answer':
      return { kind: 'invalid', reason: yesOrNo };
    case 'none':
    case 'invalid':
      return reply;
  }
}

function resolveFreeform(reply: Reply): ReplyResolution {
  const answerIt = `This gate asks for an answer in words: reply ${REPLY_PREFIX} answer <text>.`;
  switch (reply.kind) {
    case 'answer':
      return { kind: 'answer', answer: { value: reply.text, text: reply.text } };
    case 'deny':
      return denial(reply.reason, undefined);
    case 'choose':
    case 'approve':
      return { kind: 'invalid', reason: answerIt };
    case 'none':
    case 'invalid':
      return reply;
  }
}

function denial(reason: string | undefined, answer: Answer | undefined): ReplyResolution {
  return {
    kind: 'deny',
    ...(reason === undefined ? {} : { reason }),
    ...(answer === undefined ? {} : { answer })
  };
}

/**
 * What `reply` means for `question`. A multiple-choice question without options is asked as freeform,
 * as the console does.
 */
export function resolveReply(question: Question, reply: Reply): ReplyResolution {
  switch (question.type) {
    case 'multiple_choice':
      return question.options.length > 0
        ? resolveChoice(question.options, reply)
        : resolveFreeform(reply);
    case 'yes_no':
    case 'confirmation':
      return resolveYesNo(reply);
    case 'freeform':
      return resolveFreeform(reply);
  }
}
