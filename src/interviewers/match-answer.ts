/**
 * How typed text selects an answer, for every frontend that reads text: the console (a line on stdin) and
 * comment replies (`/tracker choose …`). One matcher, so `a`, `1`, `approve`, `[A] Approve` and `A) approve`
 * mean the same wherever a person types them. Labels are compared with `normaliseChoiceLabel`, the form edge
 * selection uses, so the option matched is the edge the engine follows.
 *
 * Each frontend words its own messages from the result (the console says "type", a comment says "reply").
 */
import { normaliseChoiceLabel, stripAcceleratorKey } from '../common/accelerator-key.js';
import type { QuestionOption } from '../ports/interviewer.js';
import { AnswerValues } from '../ports/interviewer.js';

export type ChoiceMatch =
  | { readonly kind: 'option'; readonly option: QuestionOption }
  /** A number that names no option (and is not an option's key). */
  | { readonly kind: 'no-such-number'; readonly number: number }
  /** More than one option has this key or label; a number tells them apart. */
  | { readonly kind: 'ambiguous'; readonly candidates: readonly QuestionOption[] }
  | { readonly kind: 'unknown' };

/** Shows an option as `[A] Approve`, however its label spells the accelerator. */
export function formatOption(option: QuestionOption): string {
  return `[${option.key}] ${stripAcceleratorKey(option.label)}`;
}

/**
 * The option `typed` names, tried in this order: the accelerator key (`a`, `[a]`), the 1-based number
 * (`2`), the label (`approve`, `[A] Approve`, `A) approve`, any case, runs of spaces collapsed). A key
 * that two options share falls through to the label; a number no option has is `no-such-number` unless
 * an option's key is that number.
 */
export function matchChoice(options: readonly QuestionOption[], typed: string): ChoiceMatch {
  const text = typed.trim();
  if (text === '') return { kind: 'unknown' };
  const bare = (/^\[(.+)\]$/.exec(text)?.[1] ?? text).trim();
  const lower = bare.toLowerCase();
  const byKey = options.filter((o) => o.key.toLowerCase() === lower);
  const [onlyKey] = byKey;
  if (byKey.length === 1 && onlyKey) return { kind: 'option', option: onlyKey };
  if (/^\d+$/.test(bare)) {
    const option = options[Number(bare) - 1];
    if (option) return { kind: 'option', option };
    if (byKey.length === 0) return { kind: 'no-such-number', number: Number(bare) };
  }
  const normalised = normaliseChoiceLabel(bare);
  const byLabel = options.filter(
    (o) => normaliseChoiceLabel(o.label) === normalised || o.label.trim().toLowerCase() === lower
  );
  const [onlyLabel] = byLabel;
  if (byLabel.length === 1 && onlyLabel) return { kind: 'option', option: onlyLabel };
  const ambiguous = byKey.length > 1 ? byKey : byLabel;
  if (ambiguous.length > 1) return { kind: 'ambiguous', candidates: ambiguous };
  return { kind: 'unknown' };
}

/** `y`/`yes` → `yes`, `n`/`no` → `no` (any case, surrounding spaces ignored), anything else → undefined. */
export function matchYesNo(
  typed: string
): typeof AnswerValues.Yes | typeof AnswerValues.No | undefined {
  const lower = typed.trim().toLowerCase();
  if (lower === 'y' || lower === 'yes') return AnswerValues.Yes;
  if (lower === 'n' || lower === 'no') return AnswerValues.No;
  return undefined;
}
