/**
 * Diagnostic → text, in the compiler style editors and CI logs understand:
 *   pipeline.dot:4:5: error[start_node]: found 2 start nodes: …
 *     4 |     b [shape=Mdiamond]          (the excerpt, when the diagnostic has one)
 *       |     ^
 *     fix: …
 *     note: start node 'b' declared here at pipeline.dot:5:5
 * Text taken from the pipeline (messages quote values, the excerpt shows a source line) is made visible:
 * control characters print as escapes (`\x1b`), never as themselves.
 */
import type { SourceLocation } from '../common/source-location.js';
import { visible } from '../common/visible.js';
import type { Diagnostic, Severity } from '../common/diagnostic.js';

/** `file:line:col`, leaving out the parts that are unknown. */
export function formatLocation(loc: Partial<SourceLocation>): string {
  const parts: string[] = [];
  if (loc.file !== undefined && loc.file !== '') parts.push(visible(loc.file));
  if (loc.line !== undefined) {
    parts.push(String(loc.line));
    if (loc.column !== undefined) parts.push(String(loc.column));
  }
  return parts.join(':');
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d);
  const head = `${where === '' ? '' : `${where}: `}${d.severity}[${visible(d.rule)}]: ${visible(d.message)}`;
  const lines = [head];
  if (d.excerpt !== undefined && d.excerpt !== '') lines.push(visible(d.excerpt, 'block'));
  if (d.fix !== undefined && d.fix !== '') lines.push(`  fix: ${visible(d.fix)}`);
  for (const related of d.related ?? []) {
    const at = formatLocation(related.loc);
    lines.push(`  note: ${visible(related.message)}${at === '' ? '' : ` at ${at}`}`);
  }
  return lines.join('\n');
}

const NOUNS: Readonly<Record<Severity, readonly [string, string]>> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes']
};

/** `2 errors, 1 warning` (zero counts left out; `no problems` when empty). */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  const parts: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const n = counts[severity];
    if (n > 0) parts.push(`${n} ${NOUNS[severity][n === 1 ? 0 : 1]}`);
  }
  return parts.length === 0 ? 'no problems' : parts.join(', ');
}
