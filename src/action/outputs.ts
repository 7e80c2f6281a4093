/** The Action's own reading of a run's result: its status word, its exit code, its step outputs. */
import * as core from '@actions/core';
import type { Diagnostic } from '../common/diagnostic.js';
import type { StartRunResult } from '../runtime/start-run.js';
import { Outputs } from './inputs.js';

export const ActionExitCodes = { Success: 0, Failed: 1, Refused: 2, Stopped: 3 } as const;

export type ActionStatus = 'success' | 'failed' | 'stopped' | 'invalid' | 'refused' | 'valid';

export function statusOf(result: StartRunResult): ActionStatus {
  if (result.status === 'fail') return 'failed';
  return result.status;
}

export function exitCodeOf(result: StartRunResult): number {
  switch (result.status) {
    case 'success':
      return ActionExitCodes.Success;
    case 'fail':
    case 'invalid':
      return ActionExitCodes.Failed;
    case 'refused':
      return ActionExitCodes.Refused;
    case 'stopped':
      return ActionExitCodes.Stopped;
  }
}

export function setDiagnosticOutputs(diagnostics: readonly Diagnostic[]): void {
  core.setOutput(Outputs.Errors, diagnostics.filter((d) => d.severity === 'error').length);
  core.setOutput(Outputs.Warnings, diagnostics.filter((d) => d.severity === 'warning').length);
}

export function setRunOutputs(result: StartRunResult): void {
  core.setOutput(Outputs.Status, statusOf(result));
  core.setOutput(Outputs.ExitCode, exitCodeOf(result));
  if (result.status === 'refused') return;
  setDiagnosticOutputs(result.diagnostics);
  if (result.status === 'invalid') return;
  core.setOutput(Outputs.RunId, result.runId);
  core.setOutput(Outputs.CompletedNodes, result.completedNodes.join(','));
  core.setOutput(Outputs.FailedNode, result.failedNode ?? '');
  core.setOutput(Outputs.CheckpointPath, result.checkpointPath);
  core.setOutput(Outputs.ResumeCommand, result.status === 'success' ? '' : result.resumeCommand);
}
