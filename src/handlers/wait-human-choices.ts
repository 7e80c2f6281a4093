/**
 * The choices of a human gate (spec §4.6): its outgoing edges in declaration order, each labelled by the
 * edge `label` (else the target id) with its accelerator key; and finding the choice a name, a default
 * or an interviewer's answer means.
 */
import {
  normaliseChoiceLabel,
  parseAcceleratorKey,
  stripAcceleratorKey
} from '../common/accelerator-key.js';
import type { GraphEdge } from '../graph/graph.js';
import type { Answer, QuestionOption } from '../ports/interviewer.js';
import { AnswerValues } from '../ports/interviewer.js';

export const GateModes = ['choice', 'freeform', 'yes_no'] as const;
export type GateMode = (typeof GateModes)[number];

/** One answer a gate offers: an outgoing edge. */
export interface GateChoice {
  readonly key: string;
  /** The edge label, or the target id when the edge has none. */
  readonly label: string;
  readonly to: string;
}

const YES_WORDS: ReadonlySet<string> = new Set(['y', 'yes']);
const NO_WORDS: ReadonlySet<string> = new Set(['n', 'no']);

/** `yes` / `no` for the words a yes_no gate accepts (any case), else undefined. */
export function yesNo(word: string): boolean | undefined {
  const w = word.trim().toLowerCase();
  if (YES_WORDS.has(w)) return true;
  if (NO_WORDS.has(w)) return false;
  return undefined;
}

/** `mode` as written (blank is `choice`); undefined for a mode tracker does not support. */
export function parseMode(raw: string | undefined): GateMode | undefined {
  const mode = (raw ?? '').trim().toLowerCase();
  if (mode === '') return 'choice';
  return (GateModes as readonly string[]).includes(mode) ? (mode as GateMode) : undefined;
}

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
export function findAnsweredChoice(
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

/** `[A] Approve`, however the label spells its accelerator. */
export function displayChoice(choice: GateChoice): string {
  return `[${choice.key}] ${stripAcceleratorKey(choice.label)}`;
}

export function toOption(choice: GateChoice): QuestionOption {
  return { key: choice.key, label: choice.label };
}

/** The answer `human.default_choice` stands for, or undefined when it names no choice of the gate. */
export function resolveDefault(
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
      const yes = yesNo(name);
      if (yes === undefined) return undefined;
      return { value: yes ? AnswerValues.Yes : AnswerValues.No };
    }
    case 'freeform':
      return { value: name, text: name };
  }
}

export function unmatchedDefault(
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
