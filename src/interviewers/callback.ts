/**
 * Delegates each question to a function (spec §6.4): the seam for frontends such as a web UI, a chat bot
 * or an API.
 */
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';

export type AnswerCallback = (question: Question, signal?: AbortSignal) => Answer | Promise<Answer>;
export type InformCallback = (message: string, stage: string) => void;

export class CallbackInterviewer implements Interviewer {
  readonly #callback: AnswerCallback;
  readonly #onInform: InformCallback | undefined;

  constructor(callback: AnswerCallback, onInform?: InformCallback) {
    this.#callback = callback;
    this.#onInform = onInform;
  }

  async ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    signal?.throwIfAborted();
    return await this.#callback(question, signal);
  }

  inform(message: string, stage: string): void {
    this.#onInform?.(message, stage);
  }
}
