/**
 * Answers every question without a human (spec §6.4): `yes` for yes/no and confirmation questions, the
 * first option for multiple choice, `auto-approved` for free text. Used by `--auto-approve`, CI and tests.
 */
import type { Answer, Interviewer, Question } from '../ports/interviewer.js';
export declare const AUTO_APPROVE_ACTOR = "auto-approve";
export declare const AUTO_APPROVED_TEXT = "auto-approved";
export interface AutoApproveOptions {
    /**
     * Take the question's `default` answer (a gate's `human.default_choice`) when it has one, instead of the
     * first option. Off by default: `--auto-approve` takes the first choice, as the spec's AutoApprove does.
     */
    readonly preferDefault?: boolean;
    /** Recorded as the answer's `actor`. Defaults to `auto-approve`. */
    readonly actor?: string;
}
export declare class AutoApproveInterviewer implements Interviewer {
    #private;
    constructor(options?: AutoApproveOptions);
    ask(question: Question, signal?: AbortSignal): Promise<Answer>;
}
