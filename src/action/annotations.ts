/** Findings as annotations on the diff: validation diagnostics, and the stage a run failed at. */
import * as core from '@actions/core';
import type { Diagnostic } from '../common/diagnostic.js';
import { visible } from '../common/visible.js';
import type { FinishedRunResult } from '../runtime/start-run.js';

export interface Annotation {
  readonly severity: Diagnostic['severity'];
  readonly text: string;
  readonly props: core.AnnotationProperties;
}

/**
 * The annotation a diagnostic becomes. Its text quotes the pipeline, so control characters are made
 * visible (the log viewer would act on them); the file path stays as written so the annotation links.
 */
export function annotationOf(d: Diagnostic): Annotation {
  const props = {
    title: `tracker ${visible(d.rule)}`,
    ...(d.file ? { file: d.file } : {}),
    ...(d.line ? { startLine: d.line } : {}),
    ...(d.column ? { startColumn: d.column } : {})
  };
  const text = d.fix ? `${visible(d.message)}\nFix: ${visible(d.fix)}` : visible(d.message);
  return { severity: d.severity, text, props };
}

export function annotateDiagnostic(d: Diagnostic): void {
  const { severity, text, props } = annotationOf(d);
  if (severity === 'error') core.error(text, props);
  else if (severity === 'warning') core.warning(text, props);
  else core.notice(text, props);
}

/** A failed run: an error on the pipeline file at the failed node, with its last output lines. */
export function annotateFailure(result: FinishedRunResult): void {
  const node =
    result.failedNode === undefined ? undefined : result.graph.nodes.get(result.failedNode);
  const tails = result.failureOutput.map(
    ({ file, lines }) =>
      `\nlast lines of ${visible(result.failedNode ?? '')}/${file}:\n${lines.map((l) => visible(l)).join('\n')}`
  );
  core.error(`${visible(result.failureReason ?? 'The pipeline failed.')}${tails.join('')}`, {
    title: `tracker: ${result.failedNode === undefined ? 'pipeline' : `stage '${result.failedNode}'`} failed`,
    file: result.pipeline.file,
    ...(node ? { startLine: node.loc.line, startColumn: node.loc.column } : {})
  });
}
