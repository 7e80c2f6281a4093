/** Human-in-the-loop (spec §6). Every frontend — console, PR comment, queue, auto-approve — implements this. */
export type QuestionType = 'yes_no' | 'multiple_choice' | 'freeform' | 'confirmation';
export interface QuestionOption {
    /** Accelerator key, e.g. `A` for `[A] Approve`. */
    readonly key: string;
    readonly label: string;
}
export interface Question {
    readonly text: string;
    readonly type: QuestionType;
    readonly options: readonly QuestionOption[];
    /** The answer to use on timeout, if any. */
    readonly default?: Answer;
    readonly timeoutMs?: number;
    /** Node id that asks. */
    readonly stage: string;
    readonly metadata?: Readonly<Record<string, unknown>>;
}
/** `value` is an option key, `yes`/`no`, or one of the special values. */
export type AnswerValue = string;
export declare const AnswerValues: {
    readonly Yes: "yes";
    readonly No: "no";
    readonly Skipped: "skipped";
    readonly Timeout: "timeout";
};
export interface Answer {
    readonly value: AnswerValue;
    readonly selectedOption?: QuestionOption;
    /** Free text (freeform questions). */
    readonly text?: string;
    /** Who answered (a login, `console`, `auto-approve`, …) for the audit trail. */
    readonly actor?: string;
    /**
     * Set when the interviewer answered with the question's `default` because nobody answered: the wait
     * timed out (`timeout`) or the input ended, e.g. stdin closed (`closed`). Lets the gate report a timeout
     * even though the answer is an ordinary option.
     */
    readonly defaulted?: 'timeout' | 'closed';
}
export interface Interviewer {
    /**
     * Asks one question. Resolves with the answer, `skipped` when no answer can be had, or `timeout` when
     * `timeoutMs` passed and the question has no default. Rejects with the signal's reason when aborted.
     */
    ask(question: Question, signal?: AbortSignal): Promise<Answer>;
    inform?(message: string, stage: string): void;
}
