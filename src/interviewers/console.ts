/**
 * Asks questions on a text stream pair — the CLI passes stdin/stdout (spec §6.4 ConsoleInterviewer).
 *
 * - multiple choice: type the accelerator key (`a`), the 1-based number (`1`) or the label (`approve`,
 *   `[A] Approve`), case-insensitive — matched by `matchChoice` (match-answer.ts), as comment replies
 *   are; an empty line takes the question's default.
 * - yes/no and confirmation: `y`, `yes`, `n`, `no`.
 * - freeform: any non-empty line; an empty line takes the default.
 *
 * An invalid answer says why and asks again; after `maxInvalidAnswers` (10) the question is skipped.
 * `question.timeoutMs` is raced against the injected clock: on expiry the question's default is returned
 * (marked `defaulted: 'timeout'`), else `timeout`. When the input ends (piped input ran out, stdin closed) the
 * default is returned (`defaulted: 'closed'`), else `skipped`. Questions asked at the same time are asked
 * one after the other, and no listener stays on the input between questions.
 *
 * Everything written is made visible first (`visible`): a question, label, default or echoed answer that
 * holds control characters prints them as escapes (`\x1b`), never as themselves.
 */
import type { Clock } from '../ports/clock.js';
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';
import { AnswerValues } from '../ports/interviewer.js';
import { errorMessage } from '../common/errors.js';
import { formatDuration } from '../common/format-duration.js';
import { visible } from '../common/visible.js';
import { LineReader } from './line-reader.js';
import { formatOption, matchChoice, matchYesNo } from './match-answer.js';

export const CONSOLE_ACTOR = 'console';
const DEFAULT_MAX_INVALID = 10;

export interface ConsoleInterviewerOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly clock: Clock;
  /** Recorded as the answer's `actor`. Defaults to `console`. */
  readonly actor?: string;
  /** How messages name the input. Defaults to `stdin`. */
  readonly inputName?: string;
  /** Invalid answers to one question before it is skipped. Defaults to 10. */
  readonly maxInvalidAnswers?: number;
  /**
   * Write each answer read back to the output, so a transcript of piped input reads like a conversation.
   * Defaults to true unless the input is a TTY (which echoes by itself).
   */
  readonly echo?: boolean;
}

type Interpretation = { readonly answer: Answer } | { readonly error: string };

function describeAnswer(answer: Answer): string {
  if (answer.selectedOption) return formatOption(answer.selectedOption);
  return answer.text ?? answer.value;
}

function isYesNo(question: Question): boolean {
  return question.type === 'yes_no' || question.type === 'confirmation';
}

function isChoice(question: Question): boolean {
  return question.type === 'multiple_choice' && question.options.length > 0;
}

function renderQuestion(question: Question): string {
  const lines = [`[?] ${question.text}`];
  if (isChoice(question)) {
    question.options.forEach((option, i) => lines.push(`  ${i + 1}. ${formatOption(option)}`));
  }
  const notes: string[] = [];
  if (question.default) notes.push(`default: ${describeAnswer(question.default)}`);
  if (question.timeoutMs !== undefined && question.timeoutMs > 0) {
    notes.push(`waits ${formatDuration(question.timeoutMs)}`);
  }
  if (notes.length > 0) lines.push(`  (${notes.join('; ')})`);
  return `${lines.join('\n')}\n`;
}

function renderPrompt(question: Question): string {
  if (isChoice(question)) {
    const keys = question.options.map((o) => o.key).join('/');
    const count = question.options.length;
    return `Select ${keys} or 1${count > 1 ? `-${count}` : ''}: `;
  }
  if (isYesNo(question)) {
    const value = question.default?.value.toLowerCase();
    if (value === AnswerValues.Yes) return '[Y/n]: ';
    if (value === AnswerValues.No) return '[y/N]: ';
    return '[y/n]: ';
  }
  return '> ';
}

function interpretChoice(question: Question, text: string): Interpretation {
  const options = question.options;
  const match = matchChoice(options, text);
  switch (match.kind) {
    case 'option':
      return { answer: { value: match.option.key, selectedOption: match.option } };
    case 'no-such-number':
      return {
        error: `There is no option ${match.number}; choose a number from 1 to ${options.length}.`
      };
    case 'ambiguous':
      return {
        error: `'${text}' matches more than one option (${match.candidates.map(formatOption).join(', ')}); type the option's number instead.`
      };
    case 'unknown': {
      const keys = options.map((o) => o.key).join(', ');
      return {
        error: `'${text}' is not one of the options. Type a key (${keys}), a number (1-${options.length}) or the option's label.`
      };
    }
  }
}

function interpret(question: Question, line: string): Interpretation {
  const text = line.trim();
  if (text === '') {
    if (question.default) return { answer: question.default };
    if (isChoice(question))
      return { error: 'Please choose an option: type its key, number or label.' };
    if (isYesNo(question)) return { error: 'Please answer y or n.' };
    return { error: 'Please type a response; an empty line is not an answer.' };
  }
  if (isChoice(question)) return interpretChoice(question, text);
  if (isYesNo(question)) {
    const word = matchYesNo(text);
    if (word) return { answer: { value: word } };
    return { error: `'${text}' is not yes or no; type y or n.` };
  }
  return { answer: { value: text, text } };
}

const TIMED_OUT = Symbol('timed out');

export class ConsoleInterviewer implements Interviewer {
  readonly #reader: LineReader;
  readonly #output: NodeJS.WritableStream;
  readonly #clock: Clock;
  readonly #actor: string;
  readonly #inputName: string;
  readonly #maxInvalid: number;
  readonly #echo: boolean;
  /** The previous ask; questions are asked one at a time. */
  #turn: Promise<unknown> = Promise.resolve();

  constructor(options: ConsoleInterviewerOptions) {
    this.#reader = new LineReader(options.input);
    this.#output = options.output;
    this.#clock = options.clock;
    this.#actor = options.actor ?? CONSOLE_ACTOR;
    this.#inputName = options.inputName ?? 'stdin';
    this.#maxInvalid = Math.max(1, options.maxInvalidAnswers ?? DEFAULT_MAX_INVALID);
    this.#echo = options.echo ?? (options.input as { isTTY?: boolean }).isTTY !== true;
  }

  ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    const run = this.#turn.then(() => this.#ask(question, signal));
    this.#turn = run.catch(() => undefined);
    return run;
  }

  inform(message: string, stage: string): void {
    this.#write(`[i] ${stage}: ${message}\n`);
  }

  async #ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    signal?.throwIfAborted();
    this.#write(renderQuestion(question));
    const controller = new AbortController();
    const forwardAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      const conversation = this.#converse(question, controller.signal);
      const timeoutMs = question.timeoutMs;
      if (timeoutMs === undefined || timeoutMs <= 0) return await conversation;
      const timer = this.#clock
        .sleep(timeoutMs, controller.signal)
        .then((): typeof TIMED_OUT => TIMED_OUT);
      const winner = await Promise.race([conversation, timer]);
      return winner === TIMED_OUT ? this.#timedOut(question, timeoutMs) : winner;
    } finally {
      signal?.removeEventListener('abort', forwardAbort);
      // Stops whichever of the read and the timer is still pending; both are already settled or handled.
      controller.abort();
    }
  }

  async #converse(question: Question, signal: AbortSignal): Promise<Answer> {
    for (let invalid = 0; ;) {
      this.#write(renderPrompt(question));
      const result = await this.#reader.read(signal);
      if ('closed' in result) return this.#closed(question, result.error);
      if (this.#echo) this.#write(`${result.line}\n`);
      const interpretation = interpret(question, result.line);
      if ('answer' in interpretation) return { ...interpretation.answer, actor: this.#actor };
      invalid += 1;
      if (invalid >= this.#maxInvalid) {
        this.#write(
          `${interpretation.error}\nToo many invalid answers (${invalid}); skipping gate '${question.stage}'.\n`
        );
        return { value: AnswerValues.Skipped };
      }
      this.#write(`${interpretation.error}\n`);
    }
  }

  #timedOut(question: Question, timeoutMs: number): Answer {
    const waited = formatDuration(timeoutMs);
    if (question.default) {
      this.#write(
        `\nNo answer after ${waited}; gate '${question.stage}' takes its default: ${describeAnswer(question.default)}\n`
      );
      return { ...question.default, defaulted: 'timeout' };
    }
    this.#write(`\nNo answer after ${waited} for gate '${question.stage}'.\n`);
    return { value: AnswerValues.Timeout };
  }

  #closed(question: Question, error: unknown): Answer {
    const why =
      error === undefined
        ? `${this.#inputName} closed`
        : `${this.#inputName} failed (${errorMessage(error)})`;
    if (question.default) {
      this.#write(
        `\n${why}; gate '${question.stage}' takes its default: ${describeAnswer(question.default)}\n`
      );
      return { ...question.default, defaulted: 'closed' };
    }
    this.#write(`\n${why}; no answer for gate '${question.stage}'.\n`);
    return { value: AnswerValues.Skipped };
  }

  #write(text: string): void {
    this.#output.write(visible(text, 'block'));
  }
}
