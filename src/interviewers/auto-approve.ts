/**
 * Answers every question without a human (spec §6.4): `yes` for yes/no and confirmation questions, the
 * first option for multiple choice, `auto-approved` for free text. Used by `--auto-approve`, CI and tests.
 */
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';
import { AnswerValues } from '../ports/interviewer.js';

export const AUTO_APPROVE_ACTOR = 'auto-approve';
export const AUTO_APPROVED_TEXT = 'auto-approved';

export interface AutoApproveOptions {
  /**
   * Take the question's `default` answer (a gate's `human.default_choice`) when it has one, instead of the
   * first option. Off by default: `--auto-approve` takes the first choice, as the spec's AutoApprove does.
   */
  readonly preferDefault?: boolean;
  /** Recorded as the answer's `actor`. Defaults to `auto-approve`. */
  readonly actor?: string;
}

export class AutoApproveInterviewer implements Interviewer {
  readonly #preferDefault: boolean;
  readonly #actor: string;

  constructor(options: AutoApproveOptions = {}) {
    this.#preferDefault = options.preferDefault ?? false;
    this.#actor = options.actor ?? AUTO_APPROVE_ACTOR;
  }

  ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.#preferDefault && question.default) {
      return Promise.resolve({ ...question.default, actor: this.#actor });
    }
    return Promise.resolve(this.#answer(question));
  }

  #answer(question: Question): Answer {
    const actor = this.#actor;
    switch (question.type) {
      case 'yes_no':
      case 'confirmation':
        return { value: AnswerValues.Yes, actor };
      case 'multiple_choice': {
        const first = question.options[0];
        return first
          ? { value: first.key, selectedOption: first, actor }
          : { value: AUTO_APPROVED_TEXT, text: AUTO_APPROVED_TEXT, actor };
      }
      case 'freeform':
        return { value: AUTO_APPROVED_TEXT, text: AUTO_APPROVED_TEXT, actor };
    }
  }
}
