/**
 * Reads what an action writes to stdout the way the runner does: `::name k=v,…::message` lines are workflow
 * commands (`warning`, `error`, `debug`, `add-mask`, `group`, …) with `%25`, `%0D`, `%0A` (and `%3A`, `%2C`
 * in properties) escaped; every other line is plain log output (`core.info`).
 */
export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

export interface ActionLog {
  readonly commands: readonly WorkflowCommand[];
  /** Plain output lines (what `core.info` wrote). */
  readonly info: readonly string[];
  /** Messages of `::warning::` commands. */
  readonly warnings: readonly string[];
  /** Messages of `::error::` commands. */
  readonly errors: readonly string[];
}

const unescapeData = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

export function parseWorkflowCommands(stdout: string): ActionLog {
  const commands: WorkflowCommand[] = [];
  const info: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) {
      if (line !== '') info.push(line);
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command: match[1]!, properties, message: unescapeData(match[3] ?? '') });
  }
  const messages = (name: string) =>
    commands.filter((c) => c.command === name).map((c) => c.message);
  return { commands, info, warnings: messages('warning'), errors: messages('error') };
}
