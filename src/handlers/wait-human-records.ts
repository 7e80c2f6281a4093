/**
 * What a human gate writes to its stage directory — question.json and prompt.md before it asks,
 * answer.json and response.md once it has its answer (docs/human-gates.md, "What is recorded") — and
 * reading a recorded answer back, so a resumed run can decide from it without asking again.
 */
import type { Answer, Question, QuestionOption } from '../ports/interviewer.js';
import type { RunStore } from '../ports/run-store.js';
import type { Decision, Gate } from './wait-human-decision.js';
import { describeDecision } from './wait-human-decision.js';
import { displayChoice } from './wait-human-choices.js';

export const GateFiles = {
  Question: 'question.json',
  Prompt: 'prompt.md',
  Answer: 'answer.json',
  Response: 'response.md'
} as const;

/** Which execution of the gate asked: the engine's `HandlerInput.execution`, and the attempt. */
export interface AskedBy {
  readonly attempt: number;
  readonly execution?: string;
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
  by: AskedBy
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
    attempt: by.attempt,
    ...(by.execution === undefined ? {} : { execution: by.execution }),
    asked_at: iso(askedAt)
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

/** question.json and prompt.md, before the gate asks. */
export async function writeQuestion(
  runStore: RunStore,
  gate: Gate,
  question: Question,
  askedAt: number,
  by: AskedBy
): Promise<void> {
  await runStore.writeStageFile(
    gate.id,
    GateFiles.Question,
    json(questionRecord(question, gate, askedAt, by))
  );
  await runStore.writeStageFile(gate.id, GateFiles.Prompt, promptMarkdown(question, gate));
}

export interface AnswerMeta {
  readonly timedOut: boolean;
  readonly answeredAt: number;
  readonly durationMs: number;
  readonly by: AskedBy;
}

/** answer.json and response.md, once the gate has decided. */
export async function writeAnswer(
  runStore: RunStore,
  gate: Gate,
  answer: Answer,
  decision: Decision,
  meta: AnswerMeta
): Promise<void> {
  const record = {
    value: answer.value,
    ...(answer.text === undefined ? {} : { text: answer.text }),
    ...(answer.selectedOption === undefined ? {} : { selected_option: answer.selectedOption }),
    ...(answer.actor === undefined ? {} : { actor: answer.actor }),
    ...(answer.defaulted === undefined ? {} : { defaulted: answer.defaulted }),
    timed_out: meta.timedOut,
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
    ...(meta.by.execution === undefined ? {} : { execution: meta.by.execution }),
    answered_at: iso(meta.answeredAt),
    duration_ms: meta.durationMs
  };
  await runStore.writeStageFile(gate.id, GateFiles.Answer, json(record));
  await runStore.writeStageFile(gate.id, GateFiles.Response, `${describeDecision(decision)}\n`);
}

/** An answer read back from answer.json, with how long it took to get. */
export interface RecordedAnswer {
  readonly answer: Answer;
  readonly durationMs: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function optionOf(v: unknown): QuestionOption | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { key, label } = v as Record<string, unknown>;
  return typeof key === 'string' && typeof label === 'string' ? { key, label } : undefined;
}

/**
 * The interviewer's answer an answer.json holds, when it was recorded by `execution` (the same
 * execution, continued by a resume); undefined for any other record — an earlier visit's, another
 * attempt's, one without an execution, or text that is not such a record.
 */
export function answerFromRecord(text: string, execution: string): RecordedAnswer | undefined {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Record<string, unknown>;
  const value = str(r['value']);
  if (r['execution'] !== execution || value === undefined) return undefined;
  const text_ = str(r['text']);
  const actor = str(r['actor']);
  const option = optionOf(r['selected_option']);
  const defaulted =
    r['defaulted'] === 'timeout' || r['defaulted'] === 'closed' ? r['defaulted'] : undefined;
  const answer: Answer = {
    value,
    ...(option ? { selectedOption: option } : {}),
    ...(text_ === undefined ? {} : { text: text_ }),
    ...(actor === undefined ? {} : { actor }),
    ...(defaulted ? { defaulted } : {})
  };
  const duration = r['duration_ms'];
  return {
    answer,
    durationMs: typeof duration === 'number' && Number.isFinite(duration) ? duration : 0
  };
}

/** The answer this execution of the gate recorded before its run stopped, if it recorded one. */
export async function readRecordedAnswer(
  runStore: RunStore,
  gateId: string,
  execution: string
): Promise<RecordedAnswer | undefined> {
  const text = await runStore.readStageFile(gateId, GateFiles.Answer).catch(() => undefined);
  return text === undefined ? undefined : answerFromRecord(text, execution);
}
