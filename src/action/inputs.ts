/** Action inputs, read once into a typed settings object (style.md habit 1); outputs by name. */
import { TrackerError } from '../common/errors.js';

export const Inputs = {
  Pipeline: 'pipeline',
  Command: 'command',
  AutoApprove: 'auto-approve',
  Simulate: 'simulate',
  WorkingDirectory: 'working-directory',
  Vars: 'vars'
} as const;

export const Outputs = {
  Status: 'status',
  ExitCode: 'exit-code',
  RunId: 'run-id',
  CompletedNodes: 'completed-nodes',
  FailedNode: 'failed-node',
  CheckpointPath: 'checkpoint-path',
  ResumeCommand: 'resume-command',
  Errors: 'errors',
  Warnings: 'warnings'
} as const;

export interface ActionSettings {
  /** The pipeline file, relative to the workspace. */
  readonly pipeline: string;
  readonly command: 'run' | 'validate';
  /** Human gates take their first choice; without it a gate fails (nobody can answer it yet). */
  readonly autoApprove: boolean;
  /** LLM stages answer with the simulated backend (today they always do: there is no provider yet). */
  readonly simulate: boolean;
  /** Where tool stages run and `.tracker/runs` is, relative to the workspace. */
  readonly workingDirectory: string;
  /** Context seeds (`vars`: KEY=VALUE lines). */
  readonly vars: ReadonlyMap<string, string>;
}

/** The part of @actions/core that reads inputs (the real module in production, a fake in unit tests). */
export interface InputReader {
  getInput(name: string, options?: { required?: boolean }): string;
  getBooleanInput(name: string): boolean;
}

/** Every bad value is a TrackerError (code `USAGE`) that names the input. */
export function readSettings(reader: InputReader): ActionSettings {
  const command = reader.getInput(Inputs.Command) || 'run';
  if (command !== 'run' && command !== 'validate') {
    throw new TrackerError(
      'USAGE',
      `Input '${Inputs.Command}' must be 'run' or 'validate', got '${command}'.`
    );
  }
  const vars = new Map<string, string>();
  for (const line of reader.getInput(Inputs.Vars).split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0)
      throw new TrackerError(
        'USAGE',
        `Input '${Inputs.Vars}' expects KEY=VALUE lines, got '${trimmed}'.`
      );
    vars.set(trimmed.slice(0, eq).trim(), trimmed.slice(eq + 1));
  }
  return {
    pipeline: reader.getInput(Inputs.Pipeline, { required: true }),
    command,
    autoApprove: reader.getBooleanInput(Inputs.AutoApprove),
    simulate: reader.getBooleanInput(Inputs.Simulate),
    workingDirectory: reader.getInput(Inputs.WorkingDirectory) || '.',
    vars
  };
}
