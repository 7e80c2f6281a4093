/**
 * argv → CliSettings, once, at the edge (style.md habit 1). Pure: no process access here.
 */
import { DEFAULT_DOT_LIMITS } from '../dot/parser.js';
import type { DotLimits } from '../dot/parser.js';
import { TrackerError } from '../common/errors.js';
import { RESERVED_CONTEXT_KEYS, isReservedContextKey } from '../engine/context.js';

export type CliCommand = 'run' | 'validate' | 'simulate' | 'help' | 'version';

export interface CliSettings {
  readonly command: CliCommand;
  /** The pipeline file (absent only for help/version). */
  readonly pipeline?: string;
  readonly json: boolean;
  readonly noTui: boolean;
  readonly quiet: boolean;
  readonly autoApprove: boolean;
  readonly simulate: boolean;
  readonly workdir?: string;
  readonly runId?: string;
  readonly logs?: string;
  readonly checkpoint?: string;
  readonly resume?: string;
  readonly force: boolean;
  readonly vars: ReadonlyMap<string, string>;
  /** Input limits raised (or lowered) with `--limit NAME=N`; the rest keep their defaults. */
  readonly limits: Readonly<Partial<DotLimits>>;
}

interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly value: boolean;
  readonly help: string;
  readonly metavar?: string;
}

const LIMIT_NAMES = Object.keys(DEFAULT_DOT_LIMITS) as (keyof DotLimits)[];

export const FLAGS: readonly FlagSpec[] = [
  {
    name: 'no-tui',
    value: false,
    help: 'Plain line-per-stage output (what tracker prints today; there is no dashboard yet, so this changes nothing now and keeps output plain once one exists).'
  },
  {
    name: 'json',
    value: false,
    help: 'validate: diagnostics as JSON. run: NDJSON events on stdout.'
  },
  { name: 'quiet', short: 'q', value: false, help: 'Print only failures and the final result.' },
  {
    name: 'auto-approve',
    value: false,
    help: 'Human gates take their first choice (or yes) without asking.'
  },
  {
    name: 'simulate',
    value: false,
    help: 'LLM nodes answer with a simulated response; tool nodes still run.'
  },
  {
    name: 'workdir',
    short: 'w',
    value: true,
    metavar: 'DIR',
    help: "Working directory for tool nodes and .tracker/ (default: cwd; on resume: the run's recorded one)."
  },
  {
    name: 'run-id',
    value: true,
    metavar: 'ID',
    help: 'Use this run ID instead of a generated one ([A-Za-z0-9._-], no leading dot, at most 64).'
  },
  {
    name: 'logs',
    value: true,
    metavar: 'DIR',
    help: 'Run directory (default: <workdir>/.tracker/runs/<runID>).'
  },
  {
    name: 'checkpoint',
    short: 'c',
    value: true,
    metavar: 'FILE',
    help: 'Resume from this checkpoint.json.'
  },
  {
    name: 'resume',
    short: 'r',
    value: true,
    metavar: 'ID|DIR',
    help: 'Resume the run with this ID (prefix; looked up under <workdir>/.tracker/runs) or run directory.'
  },
  {
    name: 'force',
    value: false,
    help: 'Resume even though the pipeline file changed since the checkpoint.'
  },
  {
    name: 'var',
    value: true,
    metavar: 'KEY=VALUE',
    help: 'Seed a context value (repeatable; not __proto__, constructor or prototype).'
  },
  {
    name: 'limit',
    value: true,
    metavar: 'NAME=N',
    help: `Raise an input limit for a trusted file (repeatable): ${LIMIT_NAMES.join(', ')}.`
  },
  { name: 'validate', value: false, help: 'Same as the validate command.' },
  { name: 'help', short: 'h', value: false, help: 'Show this help.' },
  { name: 'version', short: 'V', value: false, help: 'Print the version.' }
];

const COMMANDS: ReadonlySet<string> = new Set(['run', 'validate', 'simulate', 'help', 'version']);

function usageError(message: string): TrackerError {
  return new TrackerError('USAGE', `${message}\nRun 'tracker --help' for usage.`);
}

const RUN_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

/** A run ID names a directory under .tracker/runs, so it must be one plain path segment. */
export function checkRunId(id: string): void {
  if (RUN_ID.test(id)) return;
  const why =
    id === ''
      ? 'it is empty'
      : id.length > 64
        ? `it is ${id.length} characters long (at most 64)`
        : id.startsWith('.')
          ? 'it starts with a dot'
          : `it contains ${JSON.stringify([...id].find((c) => !/[A-Za-z0-9._-]/.test(c)))}`;
  throw usageError(
    `Invalid --run-id '${id}': ${why}. Use letters, digits, '.', '_' and '-' (not starting with '.'), at most 64 characters, e.g. --run-id nightly-2026-12-01.`
  );
}

function findFlag(token: string): { spec: FlagSpec; inline?: string } | undefined {
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    const spec = FLAGS.find((f) => f.name === name);
    if (!spec) return undefined;
    return eq === -1 ? { spec } : { spec, inline: token.slice(eq + 1) };
  }
  const spec = FLAGS.find((f) => f.short !== undefined && `-${f.short}` === token);
  return spec ? { spec } : undefined;
}

function isLimitName(name: string): name is keyof DotLimits {
  return (LIMIT_NAMES as string[]).includes(name);
}

/** `maxNodes=400000` → ['maxNodes', 400000]; a usage error for an unknown name or a bad number. */
function parseLimit(value: string): [keyof DotLimits, number] {
  const eq = value.indexOf('=');
  const name = eq === -1 ? value : value.slice(0, eq);
  if (!isLimitName(name))
    throw usageError(
      `--limit expects NAME=N with NAME one of ${LIMIT_NAMES.join(', ')}; got '${value}'.`
    );
  const text = eq === -1 ? '' : value.slice(eq + 1).trim();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0)
    throw usageError(`--limit ${name} needs a positive whole number, got '${text}'.`);
  return [name, n];
}

/** Parses argv (without node and script). Flags may come before or after the pipeline file. */
export function parseArgs(argv: readonly string[]): CliSettings {
  const bools = new Set<string>();
  const values = new Map<string, string>();
  const vars = new Map<string, string>();
  const limits: Partial<Record<keyof DotLimits, number>> = {};
  const positionals: string[] = [];
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (onlyPositionals || token === '-' || !token.startsWith('-')) {
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      onlyPositionals = true;
      continue;
    }
    const found = findFlag(token);
    if (!found) throw usageError(`Unknown flag '${token}'.`);
    const { spec } = found;
    if (!spec.value) {
      if (found.inline !== undefined) throw usageError(`Flag --${spec.name} takes no value.`);
      bools.add(spec.name);
      continue;
    }
    let value = found.inline;
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('-') && value !== '-')) {
        throw usageError(`Flag --${spec.name} needs a value (${spec.metavar ?? 'VALUE'}).`);
      }
      i++;
    }
    if (spec.name === 'limit') {
      const [name, n] = parseLimit(value);
      limits[name] = n;
    } else if (spec.name === 'var') {
      const eq = value.indexOf('=');
      if (eq <= 0) throw usageError(`--var expects KEY=VALUE, got '${value}'.`);
      const key = value.slice(0, eq);
      if (isReservedContextKey(key))
        throw usageError(
          `--var ${key}=… is refused: '${key}' is a reserved name (${RESERVED_CONTEXT_KEYS.join(', ')} cannot be context keys). Choose another key.`
        );
      vars.set(key, value.slice(eq + 1));
    } else {
      if (values.has(spec.name)) throw usageError(`Flag --${spec.name} was given twice.`);
      values.set(spec.name, value);
    }
  }

  let command: CliCommand = 'run';
  if (bools.has('help')) command = 'help';
  else if (bools.has('version')) command = 'version';
  else if (positionals[0] !== undefined && COMMANDS.has(positionals[0])) {
    command = positionals.shift() as CliCommand;
  }
  if (bools.has('validate')) {
    if (command !== 'run' && command !== 'validate')
      throw usageError(`--validate cannot be combined with '${command}'.`);
    command = 'validate';
  }
  if (command === 'help' || command === 'version') {
    return settings(command, undefined, bools, values, vars, limits);
  }
  if (positionals.length === 0)
    throw usageError(
      `Missing pipeline file: tracker ${command === 'run' ? '' : command + ' '}<pipeline.dot>.`
    );
  if (positionals.length > 1)
    throw usageError(
      `Expected one pipeline file, got ${positionals.length}: ${positionals.join(' ')}.`
    );
  if (values.has('checkpoint') && values.has('resume'))
    throw usageError('Use either --checkpoint or --resume, not both.');
  const runId = values.get('run-id');
  if (runId !== undefined) checkRunId(runId);
  return settings(command, positionals[0], bools, values, vars, limits);
}

function settings(
  command: CliCommand,
  pipeline: string | undefined,
  bools: ReadonlySet<string>,
  values: ReadonlyMap<string, string>,
  vars: ReadonlyMap<string, string>,
  limits: Readonly<Partial<DotLimits>>
): CliSettings {
  const opt = (name: string): string | undefined => values.get(name);
  return {
    command,
    ...(pipeline === undefined ? {} : { pipeline }),
    json: bools.has('json'),
    noTui: bools.has('no-tui'),
    quiet: bools.has('quiet'),
    autoApprove: bools.has('auto-approve'),
    simulate: bools.has('simulate'),
    force: bools.has('force'),
    ...(opt('workdir') === undefined ? {} : { workdir: opt('workdir') }),
    ...(opt('run-id') === undefined ? {} : { runId: opt('run-id') }),
    ...(opt('logs') === undefined ? {} : { logs: opt('logs') }),
    ...(opt('checkpoint') === undefined ? {} : { checkpoint: opt('checkpoint') }),
    ...(opt('resume') === undefined ? {} : { resume: opt('resume') }),
    vars,
    limits
  };
}
