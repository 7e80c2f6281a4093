/**
 * Wraps another interviewer and records every question with its answer (spec §6.4), for replay,
 * debugging and audit. A question whose ask rejects (e.g. aborted) is not recorded.
 */
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';
export interface Recording {
    readonly question: Question;
    readonly answer: Answer;
}
export declare class RecordingInterviewer implements Interviewer {
    #private;
    constructor(inner: Interviewer);
    /** Question/answer pairs in the order the answers arrived. */
    get recordings(): readonly Recording[];
    ask(question: Question, signal?: AbortSignal): Promise<Answer>;
    inform(message: string, stage: string): void;
}
