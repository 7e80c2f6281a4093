import type { Answer, Interviewer, Question } from '../ports/interviewer.js';
export declare class FailingInterviewer implements Interviewer {
    private readonly why;
    /** `why` finishes the sentence "cannot be answered here: …", e.g. how to turn on auto-approve. */
    constructor(why: string);
    ask(question: Question, signal?: AbortSignal): Promise<Answer>;
}
