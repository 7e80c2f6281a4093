/**
 * Wraps another interviewer and records every question with its answer (spec §6.4), for replay,
 * debugging and audit. A question whose ask rejects (e.g. aborted) is not recorded.
 */
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';

export interface Recording {
  readonly question: Question;
  readonly answer: Answer;
}

export class RecordingInterviewer implements Interviewer {
  readonly #inner: Interviewer;
  readonly #recordings: Recording[] = [];

  constructor(inner: Interviewer) {
    this.#inner = inner;
  }

  /** Question/answer pairs in the order the answers arrived. */
  get recordings(): readonly Recording[] {
    return this.#recordings;
  }

  async ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    const answer = await this.#inner.ask(question, signal);
    this.#recordings.push({ question, answer });
    return answer;
  }

  inform(message: string, stage: string): void {
    this.#inner.inform?.(message, stage);
  }
}
