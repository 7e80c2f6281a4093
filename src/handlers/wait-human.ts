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
 * prompt.md, answer.json, response.md) and announced as `gate.waiting` / `gate.answered` events.
 */
import { errorMessage } from '../common/errors.js';
import type { Outcome } from '../ports/outcome.js';
import { outgoingEdges } from '../graph/graph.js';
import type { GraphEdge } from '../graph/graph.js';
import { getDurationMs, getString } from '../graph/values.js';
import {
  normaliseChoiceLabel,
  parseAcceleratorKey,
  stripAcceleratorKey
} from '../common/accelerator-key.js';
import { formatDuration } from '../common/format-duration.js';
import type {
  Answer,
  Interviewer,
  Question,
  QuestionOption,
  QuestionType
} from '../ports/interviewer.js';
import { AnswerValues } from '../ports/interviewer.js';
import { expandPromptVariables } from './codergen.js';
import type { Handler, HandlerInput } from '../engine/handler.js';

export const GateModes = ['choice', 'freeform', 'yes_no'] as const;
export type GateMode = (typeof GateModes)[number];

/** One answer a gate offers: an outgoing edge. */
export interface GateChoice {
  readonly key: string;
  /** The edge label, or the target id when the edge has none. */
  readonly label: string;
  readonly to: string;
}

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

const YES_WORDS: ReadonlySet<string> = new Set(['y', 'yes']);
const NO_WORDS: ReadonlySet<string> = new Set(['n', 'no']);

/** The choices of a gate: its outgoing edges in declaration order (spec §4.6). */
export function gateChoices(edges: readonly GraphEdge[]): GateChoice[] {
  return edges.map((edge) => {
    const written = edge.attrs.get('label')?.value.trim() ?? '';
    const label = written === '' ? edge.to : written;
    return { key: parseAcceleratorKey(label), label, to: edge.to };
  });
}

/** The choice an edge label or target id names: exact target id first, then the normalised label. */
export function findChoiceByName(
  choices: readonly GateChoice[],
  name: string
): GateChoice | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return undefined;
  const normalised = normaliseChoiceLabel(trimmed);
  return (
    choices.find((c) => c.to === trimmed) ??
    choices.find((c) => normaliseChoiceLabel(c.label) === normalised)
  );
}

/** The choice an interviewer's answer selects: its option, its value as a key, label or target id, or its text. */
function findAnsweredChoice(
  choices: readonly GateChoice[],
  answer: Answer
): GateChoice | undefined {
  const option = answer.selectedOption;
  if (option) {
    const hit =
      choices.find((c) => c.key === option.key && c.label === option.label) ??
      choices.find((c) => c.label === option.label);
    if (hit) return hit;
  }
  const value = answer.value.trim();
  const byKey = choices.filter((c) => c.key.toLowerCase() === value.toLowerCase());
  if (byKey.length === 1) return byKey[0];
  return (
    findChoiceByName(choices, value) ??
    (answer.text === undefined ? undefined : findChoiceByName(choices, answer.text))
  );
}

/** Whether the answer is one of the special values (no option chosen, no text given). */
function isSpecial(answer: Answer, value: string): boolean {
  return answer.value === value && answer.text === undefined && answer.selectedOption === undefined;
}

function parseMode(raw: string | undefined): GateMode | undefined {
  const mode = (raw ?? '').trim().toLowerCase();
  if (mode === '') return 'choice';
  return (GateModes as readonly string[]).includes(mode) ? (mode as GateMode) : undefined;
}

function questionText(input: HandlerInput, mode: GateMode): string {
  const goal = getString(input.graph.attrs, 'goal') ?? '';
  const parts = [getString(input.node.attrs, 'label'), getString(input.node.attrs, 'prompt')]
    .map((part) => (part === undefined ? '' : expandPromptVariables(part, goal).trim()))
    .filter((part) => part !== '');
  return parts.length > 0 ? parts.join('\n\n') : FALLBACK_TEXT[mode];
}

/** `[A] Approve`, however the label spells its accelerator. */
function displayChoice(choice: GateChoice): string {
  return `[${choice.key}] ${stripAcceleratorKey(choice.label)}`;
}

function toOption(choice: GateChoice): QuestionOption {
  return { key: choice.key, label: choice.label };
}

/** A gate's decision, before it becomes an Outcome. */
type Decision =
  | { readonly kind: 'choice'; readonly choice: GateChoice }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'yes_no'; readonly yes: boolean }
  | { readonly kind: 'fail'; readonly reason: string; readonly response: string };

interface Gate {
  readonly id: string;
  readonly mode: GateMode;
  readonly choices: readonly GateChoice[];
  readonly timeoutMs: number | undefined;
  readonly timeoutAction: 'default' | 'fail';
  readonly defaultName: string | undefined;
  readonly defaultAnswer: Answer | undefined;
}

export class WaitHumanHandler implements Handler {
  readonly #interviewer: Interviewer;

  constructor(interviewer: Interviewer) {
    this.#interviewer = interviewer;
  }

  async execute(input: HandlerInput): Promise<Outcome> {
    const { node } = input;
    const edges = outgoingEdges(input.graph, node.id);
    if (edges.length === 0) {
      return {
        status: 'fail',
        retryable: false,
        failureReason: `human gate '${node.id}' has no outgoing edges, so it has no choices to offer. Add one edge per answer, e.g. ${node.id} -> next [label="[A] Approve"].`
      };
    }
    const rawMode = getString(node.attrs, 'mode');
    const mode = parseMode(rawMode);
    if (mode === undefined) {
      return {
        status: 'fail',
        retryable: false,
        failureReason: `human gate '${node.id}' has mode='${rawMode ?? ''}', which tracker does not support; use mode=choice, mode=freeform or mode=yes_no.`
      };
    }
    const choices = gateChoices(edges);
    const defaultName =
      (
        getString(node.attrs, 'human.default_choice') ?? getString(node.attrs, 'default_choice')
      )?.trim() || undefined;
    const defaultAnswer =
      defaultName === undefined ? undefined : resolveDefault(mode, choices, defaultName);
    if (defaultName !== undefined && defaultAnswer === undefined) {
      return {
        status: 'fail',
        retryable: false,
        failureReason: unmatchedDefault(node.id, mode, choices, defaultName)
      };
    }
    const timeout = getDurationMs(node.attrs, 'timeout');
    const gate: Gate = {
      id: node.id,
      mode,
      choices,
      timeoutMs: timeout !== undefined && timeout > 0 ? timeout : undefined,
      timeoutAction:
        getString(node.attrs, 'timeout_action')?.trim().toLowerCase() === 'fail'
          ? 'fail'
          : 'default',
      defaultName,
      defaultAnswer
    };
    const question = buildQuestion(input, gate);
    return this.#ask(input, gate, question);
  }

  async #ask(input: HandlerInput, gate: Gate, question: Question): Promise<Outcome> {
    const { clock, runStore } = input;
    const branch = input.branch === undefined ? {} : { branch: input.branch };
    const askedAt = clock.now();
    await runStore.writeStageFile(
      gate.id,
      'question.json',
      json(questionRecord(question, gate, askedAt, input.attempt))
    );
    await runStore.writeStageFile(gate.id, 'prompt.md', promptMarkdown(question, gate));
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
    const timedOut = answer.defaulted === 'timeout' || isSpecial(answer, AnswerValues.Timeout);
    const decision = decide(gate, answer);
    const response = describeDecision(decision);
    input.emit({
      type: 'gate.answered',
      nodeId: gate.id,
      ...branch,
      answer: response,
      ...(answer.actor === undefined ? {} : { actor: answer.actor }),
      timedOut,
      durationMs: answeredAt - askedAt
    });
    await runStore.writeStageFile(
      gate.id,
      'answer.json',
      json(answerRecord(answer, decision, timedOut, answeredAt, answeredAt - askedAt))
    );
    await runStore.writeStageFile(gate.id, 'response.md', `${response}\n`);
    return toOutcome(gate, decision, answer);
  }
}

function resolveDefault(
  mode: GateMode,
  choices: readonly GateChoice[],
  name: string
): Answer | undefined {
  switch (mode) {
    case 'choice': {
      // Tracker's dialect names the default by its accelerator key (default_choice="S" for "[S] Skip").
      const byKey = choices.filter(
        (c) => c.key !== '' && c.key.toLowerCase() === name.toLowerCase()
      );
      const choice = findChoiceByName(choices, name) ?? (byKey.length === 1 ? byKey[0] : undefined);
      return choice ? { value: choice.key, selectedOption: toOption(choice) } : undefined;
    }
    case 'yes_no': {
      const word = name.toLowerCase();
      if (YES_WORDS.has(word)) return { value: AnswerValues.Yes };
      if (NO_WORDS.has(word)) return { value: AnswerValues.No };
      return undefined;
    }
    case 'freeform':
      return { value: name, text: name };
  }
}

function unmatchedDefault(
  id: string,
  mode: GateMode,
  choices: readonly GateChoice[],
  name: string
): string {
  if (mode === 'yes_no') {
    return `human gate '${id}' has human.default_choice='${name}', but a yes_no gate's default must be yes or no.`;
  }
  const labels = choices.map((c) => `'${c.label}'`).join(', ');
  const targets = choices.map((c) => `'${c.to}'`).join(', ');
  return `human gate '${id}' has human.default_choice='${name}', which matches none of its outgoing edges; use an edge label (${labels}) or a target node id (${targets}).`;
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

function timeoutFailure(gate: Gate): string {
  const after = gate.timeoutMs === undefined ? '' : ` after ${formatDuration(gate.timeoutMs)}`;
  if (gate.timeoutAction === 'fail')
    return `human gate '${gate.id}' timed out${after} (timeout_action=fail)`;
  return `human gate '${gate.id}' timed out${after} and has no human.default_choice; set human.default_choice to an edge label or target node id to continue without an answer`;
}

function decide(gate: Gate, answer: Answer): Decision {
  const timedOut = answer.defaulted === 'timeout' || isSpecial(answer, AnswerValues.Timeout);
  if (timedOut && gate.timeoutAction === 'fail')
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
  switch (gate.mode) {
    case 'choice': {
      const choice = findAnsweredChoice(gate.choices, given);
      if (choice) return { kind: 'choice', choice };
      const offered = gate.choices.map(displayChoice).join(', ');
      return {
        kind: 'fail',
        reason: `human gate '${gate.id}' got the answer '${given.text ?? given.value}', which matches none of its choices (${offered})`,
        response: given.text ?? given.value
      };
    }
    case 'freeform':
      return { kind: 'text', text: given.text ?? given.value };
    case 'yes_no': {
      const word = (given.text ?? given.value).trim().toLowerCase();
      if (YES_WORDS.has(word)) return { kind: 'yes_no', yes: true };
      if (NO_WORDS.has(word)) return { kind: 'yes_no', yes: false };
      return {
        kind: 'fail',
        reason: `human gate '${gate.id}' asked yes or no and got '${given.text ?? given.value}'`,
        response: given.text ?? given.value
      };
    }
  }
}

function describeDecision(decision: Decision): string {
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

function toOutcome(gate: Gate, decision: Decision, answer: Answer): Outcome {
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

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function questionRecord(
  question: Question,
  gate: Gate,
  askedAt: number,
  attempt: number
): Record<string, unknown> {
  return {
    stage: question.stage,
    mode: gate.mode,
    type: question.type,
    text: question.text,
    choices: gate.choices.map((c) => ({ key: c.key, label: c.label, to: c.to })),
    ...(gate.defaultName === undefined ? {} : { default_choice: gate.defaultName }),
    ...(gate.timeoutMs === undefined
      ? {}
      : { timeout_ms: gate.timeoutMs, timeout_action: gate.timeoutAction }),
    attempt,
    asked_at: iso(askedAt)
  };
}

function answerRecord(
  answer: Answer,
  decision: Decision,
  timedOut: boolean,
  answeredAt: number,
  durationMs: number
): Record<string, unknown> {
  return {
    value: answer.value,
    ...(answer.text === undefined ? {} : { text: answer.text }),
    ...(answer.selectedOption === undefined ? {} : { selected_option: answer.selectedOption }),
    ...(answer.actor === undefined ? {} : { actor: answer.actor }),
    ...(answer.defaulted === undefined ? {} : { defaulted: answer.defaulted }),
    timed_out: timedOut,
    response: describeDecision(decision),
    ...(decision.kind === 'choice'
      ? {
          selected: {
            key: decision.choice.key,
            label: decision.choice.label,
            to: decision.choice.to
          }
        }
      : {}),
    ...(decision.kind === 'fail' ? { failure_reason: decision.reason } : {}),
    answered_at: iso(answeredAt),
    duration_ms: durationMs
  };
}

function promptMarkdown(question: Question, gate: Gate): string {
  const lines = [question.text];
  if (gate.mode === 'choice') {
    lines.push('');
    for (const c of gate.choices) lines.push(`- ${displayChoice(c)} → ${c.to}`);
  }
  return `${lines.join('\n')}\n`;
}
