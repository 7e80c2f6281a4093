/**
 * Asks questions on a text stream pair — the CLI passes stdin/stdout (spec §6.4 ConsoleInterviewer).
 *
 * - multiple choice: type the accelerator key (`a`), the 1-based number (`1`) or the label (`approve`,
 *   `[A] Approve`), case-insensitive — matched by `matchChoice` (match-answer.ts), as comment replies
 *   are; an empty line takes the question's default.
 * - yes/no and confirmation: `y`, `yes`, `n`, `no`.
 * - freeform: any non-empty line; an empty line takes the default.
 *
 * An invalid answer says why and asks again; after `maxInvalidAnswers` (10) the question is skipped.
 * `question.timeoutMs` is raced against the injected clock: on expiry the question's default is returned
 * (marked `defaulted: 'timeout'`), else `timeout`. When the input ends (piped input ran out, stdin closed) the
 * default is returned (`defaulted: 'closed'`), else `skipped`. Questions asked at the same time are asked
 * one after the other, and no listener stays on the input between questions.
 *
 * Everything written is made visible first (`visible`): a question, label, default or echoed answer that
 * holds control characters prints them as escapes (`\x1b`), never as themselves.
 */
import type { Clock } from '../ports/clock.js';
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';
export declare const CONSOLE_ACTOR = "console";
export interface ConsoleInterviewerOptions {
    readonly input: NodeJS.ReadableStream;
    readonly output: NodeJS.WritableStream;
    readonly clock: Clock;
    /** Recorded as the answer's `actor`. Defaults to `console`. */
    readonly actor?: string;
    /** How messages name the input. Defaults to `stdin`. */
    readonly inputName?: string;
    /** Invalid answers to one question before it is skipped. Defaults to 10. */
    readonly maxInvalidAnswers?: number;
    /**
     * Write each answer read back to the output, so a transcript of piped input reads like a conversation.
     * Defaults to true unless the input is a TTY (which echoes by itself).
     */
    readonly echo?: boolean;
}
export declare class ConsoleInterviewer implements Interviewer {
    #private;
    constructor(options: ConsoleInterviewerOptions);
    ask(question: Question, signal?: AbortSignal): Promise<Answer>;
    inform(message: string, stage: string): void;
}
