/** Action inputs, read once into a typed settings object (style.md habit 1). */
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
  Errors: 'errors',
  Warnings: 'warnings'
} as const;

export interface ActionSettings {
  readonly pipeline: string;
  readonly command: 'run' | 'validate';
  readonly autoApprove: boolean;
  readonly simulate: boolean;
  readonly workingDirectory: string;
  readonly vars: ReadonlyMap<string, string>;
}

export interface InputReader {
  getInput(name: string, options?: { required?: boolean }): string;
  getBooleanInput(name: string): boolean;
}

export function readSettings(reader: InputReader): ActionSettings {
  const command = reader.getInput(Inputs.Command) || 'run';
  if (command !== 'run' && command !== 'validate') {
    throw new Error(`Input '${Inputs.Command}' must be 'run' or 'validate', got '${command}'.`);
  }
  const vars = new Map<string, string>();
  for (const line of reader.getInput(Inputs.Vars).split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0)
      throw new Error(`Input '${Inputs.Vars}' expects KEY=VALUE lines, got '${trimmed}'.`);
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

/** The CLI arguments that run the same engine with these settings. */
export function toCliArgs(s: ActionSettings): string[] {
  const args = [s.command, s.pipeline, '--no-tui', '--workdir', s.workingDirectory];
  if (s.command === 'run') {
    if (s.autoApprove) args.push('--auto-approve');
    if (s.simulate) args.push('--simulate');
    for (const [k, v] of s.vars) args.push('--var', `${k}=${v}`);
  }
  return args;
}
