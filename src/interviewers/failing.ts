/**
 * For a frontend that has no way to ask a person (the GitHub Action without auto-approve, until comment
 * gates exist): every question is refused with a TrackerError (code `INTERVIEWER_UNAVAILABLE`) whose
 * message says how to answer gates there. The gate fails with that reason; the run can be resumed.
 */
import { TrackerError } from '../common/errors.js';
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';

export class FailingInterviewer implements Interviewer {
  /** `why` finishes the sentence "cannot be answered here: …", e.g. how to turn on auto-approve. */
  constructor(private readonly why: string) {}

  ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return Promise.reject(
      new TrackerError(
        'INTERVIEWER_UNAVAILABLE',
        `'${question.text}' cannot be answered here: ${this.why}`
      )
    );
  }
}
