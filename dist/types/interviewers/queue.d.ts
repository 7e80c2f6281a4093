/**
 * Answers questions from a pre-filled queue, in order (spec §6.4); `skipped` once the queue is empty.
 * Used for deterministic tests and replays. A string stands for `{ value: string }`.
 */
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';
export type QueuedAnswer = Answer | string;
export declare class QueueInterviewer implements Interviewer {
    #private;
    constructor(answers?: Iterable<QueuedAnswer>);
    /** Adds answers at the end of the queue. */
    enqueue(...answers: QueuedAnswer[]): void;
    /** How many answers are left. */
    get remaining(): number;
    ask(_question: Question, signal?: AbortSignal): Promise<Answer>;
}
