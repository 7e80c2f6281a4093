/**
 * The human gate (spec §4.6, Tracker's `mode`s): asks the interviewer and routes on the answer.
 *
 * - `mode=choice` (default): the outgoing edges are the choices, in declaration order, labelled by the edge
 *   `label` (else the target id) with accelerator keys per §4.6. The answer selects an edge
 *   (`suggestedNextIds` + `preferredLabel`).
 * - `mode=freeform`: free text in `human_response`; text equal to an edge label (or target id) selects that
 *   edge, and a gate with a single edge follows it.
 * - `mode=yes_no`: yes → success, no → fail (not retried); route with `condition="outcome=fail"`.
 *
 * `timeout` is how long to wait. On timeout the gate takes `human.default_choice` (an edge label or target
 * id; for yes_no `yes`/`no`; for freeform the default text), or fails — never retried — when there is none
 * or `timeout_action=fail`. The question and answer are written to the stage directory (question.json,
 * prompt.md, answer.json, response.md) and announced as `gate.waiting` / `gate.answered` events. A resumed
 * run whose gate had its answer recorded before the run stopped decides from that answer without asking.
 *
 * The parts: wait-human-choices.ts (choices from edges), wait-human-decision.ts (answer → outcome),
 * wait-human-records.ts (what is written to the stage directory, and read back).
 */
import { errorMessage } from '../common/errors.js';
import type { Outcome } from '../ports/outcome.js';
import { outgoingEdges } from '../graph/graph.js';
import { getDurationMs, getString } from '../graph/values.js';
import type { Answer, Interviewer, Question, QuestionType } from '../ports/interviewer.js';
import { expandPromptVariables } from './codergen.js';
import type { Handler, HandlerInput } from '../engine/handler.js';
import type { GateMode } from './wait-human-choices.js';
import {
  gateChoices,
  parseMode,
  resolveDefault,
  toOption,
  unmatchedDefault
} from './wait-human-choices.js';
import type { Gate } from './wait-human-decision.js';
import { answerTimedOut, decide, describeDecision, toOutcome } from './wait-human-decision.js';
import type { AskedBy } from './wait-human-records.js';
import { readRecordedAnswer, writeAnswer, writeQuestion } from './wait-human-records.js';

const QUESTION_TYPE: Readonly<Record<GateMode, QuestionType>> = {
  choice: 'multiple_choice',
  freeform: 'freeform',
  yes_no: 'yes_no'
};

const FALLBACK_TEXT: Readonly<Record<GateMode, string>> = {
  choice: 'Select an option:',
  freeform: 'Enter a response:',
  yes_no: 'Proceed?'
};

function failed(reason: string): Outcome {
  return { status: 'fail', retryable: false, failureReason: reason };
}

/** The gate a node configures, or why it cannot ask (a terminal FAIL the user fixes in the DOT file). */
function readGate(input: HandlerInput): Gate | { readonly invalid: string } {
  const { node } = input;
  const edges = outgoingEdges(input.graph, node.id);
  if (edges.length === 0) {
    return {
      invalid: `human gate '${node.id}' has no outgoing edges, so it has no choices to offer. Add one edge per answer, e.g. ${node.id} -> next [label="[A] Approve"].`
    };
  }
  const rawMode = getString(node.attrs, 'mode');
  const mode = parseMode(rawMode);
  if (mode === undefined) {
    return {
      invalid: `human gate '${node.id}' has mode='${rawMode ?? ''}', which tracker does not support; use mode=choice, mode=freeform or mode=yes_no.`
    };
  }
  const choices = gateChoices(edges);
  const defaultName =
    (
      getString(node.attrs, 'human.default_choice') ?? getString(node.attrs, 'default_choice')
    )?.trim() || undefined;
  const defaultAnswer =
    defaultName === undefined ? undefined : resolveDefault(mode, choices, defaultName);
  if (defaultName !== undefined && defaultAnswer === undefined)
    return { invalid: unmatchedDefault(node.id, mode, choices, defaultName) };
  const timeout = getDurationMs(node.attrs, 'timeout');
  return {
    id: node.id,
    mode,
    choices,
    timeoutMs: timeout !== undefined && timeout > 0 ? timeout : undefined,
    timeoutAction:
      getString(node.attrs, 'timeout_action')?.trim().toLowerCase() === 'fail' ? 'fail' : 'default',
    defaultName,
    defaultAnswer
  };
}

function questionText(input: HandlerInput, mode: GateMode): string {
  const goal = getString(input.graph.attrs, 'goal') ?? '';
  const parts = [getString(input.node.attrs, 'label'), getString(input.node.attrs, 'prompt')]
    .map((part) => (part === undefined ? '' : expandPromptVariables(part, goal).trim()))
    .filter((part) => part !== '');
  return parts.length > 0 ? parts.join('\n\n') : FALLBACK_TEXT[mode];
}

function buildQuestion(input: HandlerInput, gate: Gate): Question {
  return {
    text: questionText(input, gate.mode),
    type: QUESTION_TYPE[gate.mode],
    options: gate.mode === 'choice' ? gate.choices.map(toOption) : [],
    ...(gate.defaultAnswer === undefined ? {} : { default: gate.defaultAnswer }),
    ...(gate.timeoutMs === undefined ? {} : { timeoutMs: gate.timeoutMs }),
    stage: gate.id,
    metadata: {
      runId: input.runId,
      mode: gate.mode,
      attempt: input.attempt,
      choices: gate.choices.map((c) => ({ key: c.key, label: c.label, to: c.to })),
      ...(input.branch === undefined ? {} : { branch: input.branch })
    }
  };
}

function gateOptionLabels(gate: Gate): string[] {
  switch (gate.mode) {
    case 'choice':
      return gate.choices.map((c) => c.label);
    case 'yes_no':
      return ['Yes', 'No'];
    case 'freeform':
      return [];
  }
}

export class WaitHumanHandler implements Handler {
  readonly #interviewer: Interviewer;

  constructor(interviewer: Interviewer) {
    this.#interviewer = interviewer;
  }

  async execute(input: HandlerInput): Promise<Outcome> {
    const gate = readGate(input);
    if ('invalid' in gate) return failed(gate.invalid);
    const by: AskedBy = {
      attempt: input.attempt,
      ...(input.execution === undefined ? {} : { execution: input.execution })
    };
    if (input.resumed === true && by.execution !== undefined) {
      const recorded = await readRecordedAnswer(input.runStore, gate.id, by.execution);
      if (recorded) return this.#decideRecorded(input, gate, recorded.answer, recorded.durationMs);
    }
    return this.#ask(input, gate, buildQuestion(input, gate), by);
  }

  /** The answer this very execution recorded before its run stopped: decide again, ask nobody. */
  #decideRecorded(input: HandlerInput, gate: Gate, answer: Answer, durationMs: number): Outcome {
    const decision = decide(gate, answer);
    input.emit({
      type: 'gate.answered',
      nodeId: gate.id,
      ...(input.branch === undefined ? {} : { branch: input.branch }),
      answer: describeDecision(decision),
      ...(answer.actor === undefined ? {} : { actor: answer.actor }),
      timedOut: answerTimedOut(answer),
      durationMs
    });
    const outcome = toOutcome(gate, decision, answer);
    const note = 'the answer recorded before the run stopped (answer.json); not asked again';
    return { ...outcome, notes: outcome.notes === undefined ? note : `${outcome.notes}; ${note}` };
  }

  async #ask(input: HandlerInput, gate: Gate, question: Question, by: AskedBy): Promise<Outcome> {
    const { clock, runStore } = input;
    const branch = input.branch === undefined ? {} : { branch: input.branch };
    const askedAt = clock.now();
    await writeQuestion(runStore, gate, question, askedAt, by);
    input.emit({
      type: 'gate.waiting',
      nodeId: gate.id,
      ...branch,
      question: question.text,
      options: gateOptionLabels(gate),
      ...(question.timeoutMs === undefined ? {} : { timeoutMs: question.timeoutMs })
    });

    let answer: Answer;
    try {
      answer = await this.#interviewer.ask(question, input.signal);
    } catch (error) {
      if (input.signal.aborted) throw error;
      return {
        status: 'fail',
        failureReason: `human gate '${gate.id}' could not ask its question: ${errorMessage(error)}`
      };
    }
    const answeredAt = clock.now();
    const timedOut = answerTimedOut(answer);
    const decision = decide(gate, answer);
    input.emit({
      type: 'gate.answered',
      nodeId: gate.id,
      ...branch,
      answer: describeDecision(decision),
      ...(answer.actor === undefined ? {} : { actor: answer.actor }),
      timedOut,
      durationMs: answeredAt - askedAt
    });
    await writeAnswer(runStore, gate, answer, decision, {
      timedOut,
      answeredAt,
      durationMs: answeredAt - askedAt,
      by
    });
    return toOutcome(gate, decision, answer);
  }
}
