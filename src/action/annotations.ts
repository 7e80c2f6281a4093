/** Findings as annotations on the diff: validation diagnostics, and the stage a run failed at. */
import * as core from '@actions/core';
import type { Diagnostic } from '../common/diagnostic.js';
import type { FinishedRunResult } from '../runtime/start-run.js';

export function annotateDiagnostic(d: Diagnostic): void {
  const props = {
    title: `tracker ${d.rule}`,
    ...(d.file ? { file: d.file } : {}),
    ...(d.line ? { startLine: d.line } : {}),
    ...(d.column ? { startColumn: d.column } : {})
  };
  const text = d.fix ? `${d.message}\nFix: ${d.fix}` : d.message;
  if (d.severity === 'error') core.error(text, props);
  else if (d.severity === 'warning') core.warning(text, props);
  else core.notice(text, props);
}

/** A failed run: an error on the pipeline file at the failed node, with its last output lines. */
export function annotateFailure(result: FinishedRunResult): void {
  const node =
    result.failedNode === undefined ? undefined : result.graph.nodes.get(result.failedNode);
  const tails = result.failureOutput.map(
    ({ file, lines }) => `\nlast lines of ${result.failedNode ?? ''}/${file}:\n${lines.join('\n')}`
  );
  core.error(`${result.failureReason ?? 'The pipeline failed.'}${tails.join('')}`, {
    title: `tracker: ${result.failedNode === undefined ? 'pipeline' : `stage '${result.failedNode}'`} failed`,
    file: result.pipeline.file,
    ...(node ? { startLine: node.loc.line, startColumn: node.loc.column } : {})
  });
}
