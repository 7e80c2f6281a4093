/**
 * The GitHub Action composition root: inputs → ActionSettings (once), its own adapters (log lines and
 * annotations through @actions/core, an auto-approving or a failing interviewer, the process helper),
 * and the run service (src/runtime) that the CLI uses too. `run` is what the entry file (and
 * `@github/local-action`) calls.
 */
import * as core from '@actions/core';
import { createProcessRunner } from '../adapters/process-server-runner.js';
import { errorMessage } from '../common/errors.js';
import { visible } from '../common/visible.js';
import { AutoApproveInterviewer } from '../interviewers/auto-approve.js';
import { FailingInterviewer } from '../interviewers/failing.js';
import { loadPipeline } from '../runtime/load-pipeline.js';
import type { RunNotice } from '../runtime/run-types.js';
import { startRun } from '../runtime/start-run.js';
import type { StartRunResult } from '../runtime/start-run.js';
import { annotateDiagnostic, annotateFailure } from './annotations.js';
import type { ActionSettings } from './inputs.js';
import { Inputs, Outputs, readSettings } from './inputs.js';
import { exitCodeOf, setDiagnosticOutputs, setRunOutputs, statusOf } from './outputs.js';
import { ActionEventSink } from './render-events.js';
import { writeSummary } from './summary.js';

type Env = Readonly<Record<string, string | undefined>>;

function renderNotice(notice: RunNotice): void {
  switch (notice.type) {
    case 'workdir_overridden':
      return core.warning(
        `Run ${notice.runId} ran in ${notice.recorded}; its tools run in ${notice.workdir} instead.`
      );
    case 'simulated_llm':
      return core.info(`note: ${notice.stages} LLM stage(s) answer with the simulated backend`);
    case 'activity_log_failed':
      return core.warning(`Could not write ${notice.path}: ${notice.message}`);
    case 'archive_restored':
      return core.info(`Restored run directory ${notice.runDir} (${notice.key})`);
    case 'archive_published':
      return core.info(`Published the run directory to ${notice.published.location}`);
    case 'archive_failed':
      return core.warning(`Run archive ${notice.operation} failed: ${notice.message}`);
  }
}

async function validate(settings: ActionSettings, cwd: string): Promise<void> {
  const { file, prepared } = await loadPipeline(settings.pipeline, { cwd });
  prepared.diagnostics.forEach(annotateDiagnostic);
  setDiagnosticOutputs(prepared.diagnostics);
  core.setOutput(Outputs.Status, prepared.ok ? 'valid' : 'invalid');
  core.setOutput(Outputs.ExitCode, prepared.ok ? 0 : 1);
  if (!prepared.ok) core.setFailed(`${file} has errors; see the annotations.`);
}

async function runPipelineFile(settings: ActionSettings, cwd: string, env: Env) {
  const processRunner = createProcessRunner({
    onFallback: (reason) => core.warning(`${reason}; running commands in-process instead.`)
  });
  try {
    return await startRun(
      {
        pipeline: settings.pipeline,
        cwd,
        workdir: settings.workingDirectory,
        context: Object.fromEntries(settings.vars),
        env,
        stopOnSignals: ['SIGINT', 'SIGTERM']
      },
      {
        interviewer: settings.autoApprove
          ? new AutoApproveInterviewer()
          : new FailingInterviewer(
              `the Action cannot ask a person yet. Set the input '${Inputs.AutoApprove}' to 'true' to take each gate's first choice.`
            ),
        events: [new ActionEventSink()],
        processRunner,
        onNotice: renderNotice
      }
    );
  } finally {
    await processRunner.close();
  }
}

async function report(result: StartRunResult, env: Env): Promise<void> {
  setRunOutputs(result);
  if (result.status === 'refused') return core.setFailed(visible(result.message, 'block'));
  result.diagnostics.forEach(annotateDiagnostic);
  if (result.status === 'invalid')
    return core.setFailed(`${result.pipeline.file} has errors; see the annotations.`);
  if (result.status === 'fail') annotateFailure(result);
  if (env['GITHUB_STEP_SUMMARY']) await writeSummary(result);
  if (result.status !== 'success')
    core.setFailed(`Pipeline ${statusOf(result)} (exit code ${exitCodeOf(result)}).`);
}

export async function run(): Promise<void> {
  try {
    const settings = readSettings(core);
    const cwd = process.cwd();
    if (settings.command === 'validate') return await validate(settings, cwd);
    await report(await runPipelineFile(settings, cwd, process.env), process.env);
  } catch (error) {
    core.setFailed(visible(errorMessage(error), 'block'));
  }
}
