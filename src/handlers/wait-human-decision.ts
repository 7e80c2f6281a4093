/**
 * What a human gate decides from an answer, and the Outcome that decision is. Pure: the same gate and
 * answer always decide the same, so a resumed run decides again from the answer it recorded
 * (wait-human-records.ts) without asking.
 */
import { normaliseChoiceLabel } from '../common/accelerator-key.js';
import { formatDuration } from '../common/format-duration.js';
import type { Answer } from '../ports/interviewer.js';
import { AnswerValues } from '../ports/interviewer.js';
import type { Outcome } from '../ports/outcome.js';
import type { GateChoice, GateMode } from './wait-human-choices.js';
import {
  displayChoice,
  findAnsweredChoice,
  findChoiceByName,
  yesNo
} from './wait-human-choices.js';

/** A gate as its attributes configure it. */
export interface Gate {
  readonly id: string;
  readonly mode: GateMode;
  readonly choices: readonly GateChoice[];
  readonly timeoutMs: number | undefined;
  readonly timeoutAction: 'default' | 'fail';
  readonly defaultName: string | undefined;
  readonly defaultAnswer: Answer | undefined;
}

/** A gate's decision, before it becomes an Outcome. */
export type Decision =
  | { readonly kind: 'choice'; readonly choice: GateChoice }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'yes_no'; readonly yes: boolean }
  | { readonly kind: 'fail'; readonly reason: string; readonly response: string };

/** Whether the answer is one of the special values (no option chosen, no text given). */
function isSpecial(answer: Answer, value: string): boolean {
  return answer.value === value && answer.text === undefined && answer.selectedOption === undefined;
}

/** The answer came because the wait timed out (the interviewer's default, or `timeout` without one). */
export function answerTimedOut(answer: Answer): boolean {
  return answer.defaulted === 'timeout' || isSpecial(answer, AnswerValues.Timeout);
}

function timeoutFailure(gate: Gate): string {
  const after = gate.timeoutMs === undefined ? '' : ` after ${formatDuration(gate.timeoutMs)}`;
  if (gate.timeoutAction === 'fail')
    return `human gate '${gate.id}' timed out${after} (timeout_action=fail)`;
  return `human gate '${gate.id}' timed out${after} and has no human.default_choice; set human.default_choice to an edge label or target node id to continue without an answer`;
}

export function decide(gate: Gate, answer: Answer): Decision {
  if (answerTimedOut(answer) && gate.timeoutAction === 'fail')
    return { kind: 'fail', reason: timeoutFailure(gate), response: 'timed out' };
  let given = answer;
  if (isSpecial(answer, AnswerValues.Timeout)) {
    if (gate.defaultAnswer === undefined)
      return { kind: 'fail', reason: timeoutFailure(gate), response: 'timed out' };
    given = gate.defaultAnswer;
  }
  if (isSpecial(given, AnswerValues.Skipped)) {
    return {
      kind: 'fail',
      reason: `human gate '${gate.id}' got no answer (the question was skipped)`,
      response: 'skipped'
    };
  }
  const written = given.text ?? given.value;
  switch (gate.mode) {
    case 'choice': {
      const choice = findAnsweredChoice(gate.choices, given);
      if (choice) return { kind: 'choice', choice };
      const offered = gate.choices.map(displayChoice).join(', ');
      return {
        kind: 'fail',
        reason: `human gate '${gate.id}' got the answer '${written}', which matches none of its choices (${offered})`,
        response: written
      };
    }
    case 'freeform':
      return { kind: 'text', text: written };
    case 'yes_no': {
      const yes = yesNo(written);
      if (yes !== undefined) return { kind: 'yes_no', yes };
      return {
        kind: 'fail',
        reason: `human gate '${gate.id}' asked yes or no and got '${written}'`,
        response: written
      };
    }
  }
}

/** The decision in words: the chosen label, the text, `yes`/`no`, or `timed out` / `skipped` / the answer. */
export function describeDecision(decision: Decision): string {
  switch (decision.kind) {
    case 'choice':
      return decision.choice.label;
    case 'text':
      return decision.text;
    case 'yes_no':
      return decision.yes ? AnswerValues.Yes : AnswerValues.No;
    case 'fail':
      return decision.response;
  }
}

export function toOutcome(gate: Gate, decision: Decision, answer: Answer): Outcome {
  const actor = answer.actor === undefined ? {} : { 'human.gate.actor': answer.actor };
  switch (decision.kind) {
    case 'fail':
      return { status: 'fail', retryable: false, failureReason: decision.reason };
    case 'choice': {
      const { choice } = decision;
      return {
        status: 'success',
        preferredLabel: choice.label,
        suggestedNextIds: [choice.to],
        notes: `human gate '${gate.id}': ${choice.label}`,
        contextUpdates: {
          'human.gate.selected': choice.key,
          'human.gate.label': choice.label,
          human_response: choice.label,
          ...actor
        }
      };
    }
    case 'text': {
      const matched = findChoiceByName(gate.choices, decision.text);
      const only = gate.choices.length === 1 ? gate.choices[0] : undefined;
      return {
        status: 'success',
        notes: `human gate '${gate.id}' answered in free text`,
        ...(matched ? { preferredLabel: matched.label, suggestedNextIds: [matched.to] } : {}),
        ...(!matched && only ? { suggestedNextIds: [only.to] } : {}),
        contextUpdates: {
          human_response: decision.text,
          ...(matched
            ? { 'human.gate.selected': matched.key, 'human.gate.label': matched.label }
            : {}),
          ...actor
        }
      };
    }
    case 'yes_no': {
      const word = decision.yes ? AnswerValues.Yes : AnswerValues.No;
      const edge = gate.choices.find((c) => normaliseChoiceLabel(c.label) === word);
      const updates = {
        'human.gate.selected': decision.yes ? 'Y' : 'N',
        'human.gate.label': decision.yes ? 'Yes' : 'No',
        human_response: word,
        ...actor
      };
      const preferred = edge ? { preferredLabel: edge.label } : {};
      return decision.yes
        ? {
            status: 'success',
            notes: `human gate '${gate.id}': yes`,
            ...preferred,
            contextUpdates: updates
          }
        : {
            status: 'fail',
            retryable: false,
            failureReason: `human answered no at gate '${gate.id}'`,
            ...preferred,
            contextUpdates: updates
          };
    }
  }
}
