/**
 * Delegates each question to a function (spec §6.4): the seam for frontends such as a web UI, a chat bot
 * or an API.
 */
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';
export type AnswerCallback = (question: Question, signal?: AbortSignal) => Answer | Promise<Answer>;
export type InformCallback = (message: string, stage: string) => void;
export declare class CallbackInterviewer implements Interviewer {
    #private;
    constructor(callback: AnswerCallback, onInform?: InformCallback);
    ask(question: Question, signal?: AbortSignal): Promise<Answer>;
    inform(message: string, stage: string): void;
}
