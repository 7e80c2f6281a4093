/**
 * What the CLI prints around a run besides the engine's events: the run service's notices and the lines
 * after the run (the run directory, the failed node's last output lines, the resume command).
 */
import { formatOutputTail } from './render-tail.js';
import type { FinishedRunResult } from '../runtime/start-run.js';
import type { RunNotice } from '../runtime/run-types.js';
import { displayPath } from '../runtime/resume-command.js';

export interface RunRenderOptions {
  /** Progress and notes (stdout, or stderr with `--json`). */
  readonly human: (text: string) => void;
  /** Warnings, failures and resume commands (stderr). */
  readonly err: (text: string) => void;
  readonly quiet: boolean;
  /** `--simulate` was given (the LLM note says so). */
  readonly simulate: boolean;
  readonly cwd: string;
}

export function renderNotice(notice: RunNotice, o: RunRenderOptions): void {
  switch (notice.type) {
    case 'workdir_overridden':
      return o.err(
        `tracker: warning: run ${notice.runId} ran in ${notice.recorded}; -w makes its tools run in ${notice.workdir} instead.\n`
      );
    case 'simulated_llm':
      if (o.quiet) return;
      return o.human(
        `note: ${notice.stages} LLM stage(s) answer with the simulated backend${o.simulate ? ' (--simulate)' : ' — this version has no LLM provider yet'}\n`
      );
    case 'activity_log_failed':
      return o.err(`tracker: warning: could not write ${notice.path}: ${notice.message}\n`);
    case 'archive_restored':
      return o.quiet ? undefined : o.human(`  restored ${displayPath(notice.runDir, o.cwd)}\n`);
    case 'archive_published':
      return o.quiet ? undefined : o.human(`  published to ${notice.published.location}\n`);
    case 'archive_failed':
      return o.err(`tracker: warning: run archive ${notice.operation} failed: ${notice.message}\n`);
  }
}

/** The lines after a run: where it is on success; the failure's output tail and how to resume otherwise. */
export function renderRunEnd(result: FinishedRunResult, o: RunRenderOptions): void {
  if (result.status === 'success') {
    if (!o.quiet) o.human(`  run dir: ${displayPath(result.runDir, o.cwd)}\n`);
    return;
  }
  if (result.status === 'stopped') {
    o.err(`  Checkpoint saved. Resume with:\n    ${result.resumeCommand}\n`);
    return;
  }
  for (const { file, lines } of result.failureOutput)
    o.err(`${formatOutputTail(`${result.failedNode ?? ''}/${file}`, lines, '  ')}\n`);
  o.err(
    `  Checkpoint saved; after fixing the cause, resume (${result.resumeHint ?? `re-runs '${result.failedNode ?? 'the failed node'}'`}) with:\n    ${result.resumeCommand}\n`
  );
}
