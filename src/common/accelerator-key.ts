/**
 * Accelerator keys of human-gate choices (spec §4.6): `[K] Label`, `K) Label`, `K - Label`, else the
 * label's first character, upper-cased. Shared by the wait.human handler (which derives the keys) and the
 * interviewers (which show them and match typed answers against them), and by edge selection, which matches a
 * preferred label against edge labels with `normaliseChoiceLabel` (engine/select-edge.ts).
 */
const BRACKETED = /^\s*\[([^\]\s]{1,3})\]\s*(.*)$/s;
const PAREN = /^\s*([A-Za-z0-9])\)\s+(.*)$/s;
const DASH = /^\s*([A-Za-z0-9])\s+-\s+(.*)$/s;
const PATTERNS = [BRACKETED, PAREN, DASH] as const;

function splitAccelerator(label: string): { key: string; rest: string } | undefined {
  for (const pattern of PATTERNS) {
    const m = pattern.exec(label);
    if (m?.[1] !== undefined) return { key: m[1].toUpperCase(), rest: (m[2] ?? '').trim() };
  }
  return undefined;
}

/** The accelerator key of a choice label: `[Y] Yes` → `Y`, `y) yes` → `Y`, `Deploy` → `D`, `` → ``. */
export function parseAcceleratorKey(label: string): string {
  const split = splitAccelerator(label);
  if (split) return split.key;
  const first = label.trim().charAt(0);
  return first.toUpperCase();
}

/** The label without its accelerator prefix: `[A] Approve` → `Approve`. Labels without one are unchanged. */
export function stripAcceleratorKey(label: string): string {
  const split = splitAccelerator(label);
  return split && split.rest !== '' ? split.rest : label.trim();
}

/**
 * The one form labels are compared in — edge selection's preferred label, a gate's default or typed choice,
 * the console's typed answer: accelerator prefix removed, whitespace trimmed and collapsed, lower case.
 * `[A] Approve`, `A) approve` and `  APPROVE ` all normalise to `approve`; a bare key (`[A]`) keeps its
 * brackets, so it never equals an empty label.
 */
export function normaliseChoiceLabel(label: string): string {
  return stripAcceleratorKey(label).replace(/\s+/g, ' ').toLowerCase();
}
