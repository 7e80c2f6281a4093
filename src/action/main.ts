/**
 * The GitHub Action composition root. Validation findings become annotations on the PR diff; the run
 * itself is the same engine the CLI drives.
 */
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorMessage } from '../common/errors.js';
import { visible } from '../common/visible.js';
// eslint-disable-next-line no-restricted-imports -- removed with the action's own composition root (issue 8)
import { main } from '../cli/main.js';
import { preparePipeline } from '../pipeline/prepare-pipeline.js';
import type { Diagnostic } from '../common/diagnostic.js';
import { Outputs, readSettings, toCliArgs } from './inputs.js';

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

function annotate(d: Diagnostic): void {
  const { severity, text, props } = annotationOf(d);
  if (severity === 'error') core.error(text, props);
  else if (severity === 'warning') core.warning(text, props);
  else core.notice(text, props);
}

export async function runAction(): Promise<void> {
  try {
    const settings = readSettings(core);
    const cwd = process.cwd();
    const file = resolve(cwd, settings.pipeline);
    const source = await readFile(file, 'utf8');
    const prepared = preparePipeline(source, { file: settings.pipeline });
    prepared.diagnostics.forEach(annotate);
    const errors = prepared.diagnostics.filter((d) => d.severity === 'error').length;
    core.setOutput(Outputs.Errors, errors);
    core.setOutput(
      Outputs.Warnings,
      prepared.diagnostics.filter((d) => d.severity === 'warning').length
    );
    if (!prepared.ok) {
      core.setOutput(Outputs.Status, 'invalid');
      core.setOutput(Outputs.ExitCode, 1);
      core.setFailed(`${settings.pipeline} has ${errors} error(s); see the annotations.`);
      return;
    }
    if (settings.command === 'validate') {
      core.setOutput(Outputs.Status, 'valid');
      core.setOutput(Outputs.ExitCode, 0);
      return;
    }
    const code = await main(toCliArgs(settings), {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd
    });
    const status = code === 0 ? 'success' : code === 3 ? 'stopped' : 'failed';
    core.setOutput(Outputs.Status, status);
    core.setOutput(Outputs.ExitCode, code);
    if (code !== 0) core.setFailed(`Pipeline ${status} (exit code ${code}).`);
  } catch (error) {
    core.setFailed(visible(errorMessage(error), 'block'));
  }
}
