/**
 * Answers questions from a pre-filled queue, in order (spec §6.4); `skipped` once the queue is empty.
 * Used for deterministic tests and replays. A string stands for `{ value: string }`.
 */
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';
import { AnswerValues } from '../ports/interviewer.js';

export type QueuedAnswer = Answer | string;

function toAnswer(entry: QueuedAnswer): Answer {
  return typeof entry === 'string' ? { value: entry } : entry;
}

export class QueueInterviewer implements Interviewer {
  readonly #answers: Answer[];

  constructor(answers: Iterable<QueuedAnswer> = []) {
    this.#answers = Array.from(answers, toAnswer);
  }

  /** Adds answers at the end of the queue. */
  enqueue(...answers: QueuedAnswer[]): void {
    for (const answer of answers) this.#answers.push(toAnswer(answer));
  }

  /** How many answers are left. */
  get remaining(): number {
    return this.#answers.length;
  }

  ask(_question: Question, signal?: AbortSignal): Promise<Answer> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return Promise.resolve(this.#answers.shift() ?? { value: AnswerValues.Skipped });
  }
}
