import { describe, expect, it } from '@jest/globals';
import { isTrackerError } from '../../src/common/errors.js';
import { FailingInterviewer } from '../../src/interviewers/failing.js';
import type { Question } from '../../src/ports/interviewer.js';

const QUESTION: Question = { text: 'Ship it?', type: 'yes_no', options: [], stage: 'review' };

describe('FailingInterviewer', () => {
  it('refuses every question with code INTERVIEWER_UNAVAILABLE and says how to answer it', async () => {
    const error: unknown = await new FailingInterviewer('turn on auto-approve.')
      .ask(QUESTION)
      .catch((e: unknown) => e);
    expect(isTrackerError(error) && error.code).toBe('INTERVIEWER_UNAVAILABLE');
    expect((error as Error).message).toBe(
      "'Ship it?' cannot be answered here: turn on auto-approve."
    );
  });

  it('rejects with the signal reason when already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(new FailingInterviewer('x').ask(QUESTION, controller.signal)).rejects.toThrow(
      'stopped'
    );
  });
});
